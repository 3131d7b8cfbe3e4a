/** What `wave watch` exits with once the wave has ended, in the meanings of client/exit-codes.ts. */
import type { WaveStatus } from '../../workflows/wave/messages';
import { EXIT, type ExitCode } from '../exit-codes';

export function waveExitCode(status: WaveStatus | null): ExitCode {
  if (!status || status.outcome === 'running') return EXIT.noOutcome;
  // A rollback that failed needs a human first, whatever else happened.
  if (status.applications.some((app) => app.state === 'rollback-failed')) return EXIT.rollbackFailed;
  if (status.outcome === 'completed') return EXIT.ok;
  if (status.outcome === 'aborted') return EXIT.aborted;
  return EXIT.rolledBack;
}
