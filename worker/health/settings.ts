/**
 * Where the worker serves /healthz and /metrics: `--metrics-port` or CUTOVER_METRICS_PORT. Off when
 * neither is given: several workers on one host would otherwise fight over one default port.
 */
import { WorkerConfigError } from '../config';

export const METRICS_PORT_FLAG = '--metrics-port';
export const METRICS_PORT_VARIABLE = 'CUTOVER_METRICS_PORT';

/** The port, or undefined when neither the flag nor the variable is set; a bad value names where it came from. */
export function metricsPort(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const fromFlag = flag !== undefined;
  const text = (fromFlag ? flag : env[METRICS_PORT_VARIABLE])?.trim();
  if (!fromFlag && !text) return undefined;
  const port = Number(text);
  if (Number.isInteger(port) && port >= 1 && port <= 65535) return port;
  throw new WorkerConfigError(
    fromFlag
      ? `${METRICS_PORT_FLAG} ${flag} is not a port (a whole number from 1 to 65535): write e.g. ${METRICS_PORT_FLAG} 9464`
      : `${METRICS_PORT_VARIABLE}=${JSON.stringify(text)} is not a port (a whole number from 1 to 65535): write e.g. ${METRICS_PORT_VARIABLE}=9464, or unset it to serve no metrics`,
  );
}
