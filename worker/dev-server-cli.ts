/**
 * `npm run temporal:dev-server`: builds the Temporal dev server into the project's cache if it is
 * not there yet and prints its path. CI runs it first so the build's progress is visible on its own.
 */
import { ensureTemporalCli } from './temporal-server';

ensureTemporalCli()
  .then((path) => console.log(path ?? 'no dev server binary: the SDK will download one when needed'))
  .catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
