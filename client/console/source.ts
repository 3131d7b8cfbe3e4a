/** What the console reads: the CLI's own `Cutovers` (client/cutovers.ts), never a second way to Temporal. */
import type { Cutovers } from '../cutovers';

export type CutoverSource = Pick<Cutovers, 'list' | 'snapshot'>;
