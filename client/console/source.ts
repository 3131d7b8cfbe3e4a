/** What the console reads: the CLI's own `Cutovers` (client/cutovers.ts) and `Waves` (client/wave/waves.ts), never a second way to Temporal. */
import type { Cutovers } from '../cutovers';
import type { Waves } from '../wave/waves';

export type CutoverSource = Pick<Cutovers, 'list' | 'snapshot'>;
export type WaveSource = Pick<Waves, 'list' | 'snapshot'>;
