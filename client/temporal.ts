/**
 * Opens the configured Temporal for one command and closes it after. The SDK is loaded here, when a
 * command first needs it, so that validate, plan and --help start in a fraction of a second.
 */
import { describeTarget, resolveConnection, type ConnectionFlags } from './connection';
import type { Cutovers } from './cutovers';
import { withSpinner } from './spinner';

export async function withCutovers<T>(flags: ConnectionFlags, body: (cutovers: Cutovers) => Promise<T>): Promise<T> {
  const target = resolveConnection(flags);
  const cutovers = await withSpinner(`connecting to Temporal at ${describeTarget(target)}`, async () => {
    const sdk = require('./cutovers') as typeof import('./cutovers');
    return sdk.Cutovers.connect(target);
  });
  try {
    return await body(cutovers);
  } finally {
    await cutovers.close();
  }
}
