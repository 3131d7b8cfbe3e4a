/** Opens the configured Temporal for one wave command, through the same connection the cutover commands use. */
import type { ConnectionFlags } from '../connection';
import { withCutovers } from '../temporal';
import type { Waves } from './waves';

export function withWaves<T>(flags: ConnectionFlags, body: (waves: Waves) => Promise<T>): Promise<T> {
  return withCutovers(flags, (cutovers) => {
    // Loaded here, as the cutovers client is: the SDK is only needed by commands that talk to Temporal.
    const { Waves } = require('./waves') as typeof import('./waves');
    return body(new Waves(cutovers));
  });
}
