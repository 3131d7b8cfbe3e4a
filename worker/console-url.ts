/** The console notifications link to: `--console-url` or CUTOVER_CONSOLE_URL; no links when neither is set. */
import { consoleBaseUrl, ConsoleUrlError } from '../activities/console-link';
import { WorkerConfigError } from './config';

export const CONSOLE_URL_FLAG = '--console-url';
export const CONSOLE_URL_VARIABLE = 'CUTOVER_CONSOLE_URL';

export function consoleUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromFlag = flag !== undefined;
  const text = fromFlag ? flag : env[CONSOLE_URL_VARIABLE]?.trim();
  if (!fromFlag && !text) return undefined;
  try {
    return consoleBaseUrl(text!, fromFlag ? CONSOLE_URL_FLAG : `${CONSOLE_URL_VARIABLE}=`);
  } catch (error) {
    if (error instanceof ConsoleUrlError) throw new WorkerConfigError(error.message);
    throw error;
  }
}
