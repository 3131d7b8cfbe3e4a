/** Times and durations as an operator reads them in a log. */

/** HH:MM:SS.mmm of an instant, in local time unless `utc`. */
export function clockTime(at: string | number, utc = false): string {
  const date = new Date(at);
  const parts = utc
    ? [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()]
    : [date.getHours(), date.getMinutes(), date.getSeconds(), date.getMilliseconds()];
  const [hours, minutes, seconds, millis] = parts as [number, number, number, number];
  return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(millis, 3)}`;
}

/** An elapsed time to a tenth of a second under a minute ("31.4s"), else minutes and seconds ("2m05s"). */
export function elapsed(ms: number): string {
  if (ms < 60_000) return `${(Math.max(0, ms) / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return hours > 0 ? `${hours}h${pad(minutes, 2)}m${pad(seconds % 60, 2)}s` : `${minutes}m${pad(seconds % 60, 2)}s`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
