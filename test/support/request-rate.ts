/**
 * How fast requests reached a server, from the moments they arrived (epoch ms): what the Route 53
 * budget is judged by. moto stamps arrivals itself (moto_server.py); its access log would not do,
 * as it stamps whole seconds once a request has been answered, so a slow answer moves a request
 * into the next second.
 */

/** The most requests that arrived within one clock second. */
export function busiestSecond(arrivals: number[]): number {
  const perSecond = new Map<number, number>();
  for (const at of arrivals) perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1);
  return Math.max(0, ...perSecond.values());
}


/**
 * The clock seconds in which more than `limit` requests arrived, each with the ms into the second
 * its requests arrived at and the gaps before them: empty when the rate held, and what went wrong
 * when it did not.
 */
export function secondsOver(limit: number, arrivals: number[]): { second: string; msIntoSecond: number[]; gapsBefore: number[] }[] {
  const sorted = [...arrivals].sort((a, b) => a - b);
  const bySecond = new Map<number, number[]>();
  for (const at of sorted) bySecond.set(Math.floor(at / 1000), [...(bySecond.get(Math.floor(at / 1000)) ?? []), at]);
  return [...bySecond.entries()]
    .filter(([, times]) => times.length > limit)
    .map(([second, times]) => ({
      second: new Date(second * 1000).toISOString(),
      msIntoSecond: times.map((at) => at - second * 1000),
      gapsBefore: times.map((at) => at - (sorted[sorted.indexOf(at) - 1] ?? Number.NaN)),
    }));
}
