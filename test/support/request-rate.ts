/**
 * How fast requests reached a server, from the moments they arrived (epoch ms): what the Route 53
 * budget is judged by. moto stamps arrivals itself (moto_server.py); its access log would not do,
 * as it stamps whole seconds once a request has been answered, so a slow answer moves a request
 * into the next second.
 */

interface Arrival {
  at: number;
  /** Time since the request before it, NaN for the first. */
  gap: number;
}

/** The arrivals grouped by clock second, oldest first, each with the gap before it. */
function bySecond(arrivals: number[]): Map<number, Arrival[]> {
  const sorted = [...arrivals].sort((a, b) => a - b);
  const seconds = new Map<number, Arrival[]>();
  sorted.forEach((at, i) => {
    const second = Math.floor(at / 1000);
    seconds.set(second, [...(seconds.get(second) ?? []), { at, gap: i === 0 ? Number.NaN : at - sorted[i - 1]! }]);
  });
  return seconds;
}

/** The most requests that arrived within one clock second. */
export function busiestSecond(arrivals: number[]): number {
  return Math.max(0, ...[...bySecond(arrivals).values()].map((second) => second.length));
}

/**
 * The clock seconds in which more than `limit` requests arrived, each with the ms into the second
 * its requests arrived at and the gaps before them: empty when the rate held, and what went wrong
 * when it did not.
 */
export function secondsOver(limit: number, arrivals: number[]): { second: string; msIntoSecond: number[]; gapsBefore: number[] }[] {
  return [...bySecond(arrivals).entries()]
    .filter(([, requests]) => requests.length > limit)
    .map(([second, requests]) => ({
      second: new Date(second * 1000).toISOString(),
      msIntoSecond: requests.map((request) => request.at - second * 1000),
      gapsBefore: requests.map((request) => request.gap),
    }));
}
