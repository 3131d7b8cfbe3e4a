/**
 * How fast requests reached a server, from the moments they arrived (epoch ms): what the Route 53
 * budget is judged by. Arrival times come from a proxy at the server's door, not from moto's log,
 * which stamps a request in whole seconds once it has been answered, so a slow answer moves it
 * into the next second.
 */

/** The most requests that arrived within one clock second. */
export function busiestSecond(arrivals: number[]): number {
  const perSecond = new Map<number, number>();
  for (const at of arrivals) perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1);
  return Math.max(0, ...perSecond.values());
}

/** The shortest time between two requests that arrived one after the other, or Infinity. */
export function shortestGap(arrivals: number[]): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  return Math.min(Infinity, ...sorted.slice(1).map((at, i) => at - sorted[i]!));
}
