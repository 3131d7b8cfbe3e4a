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

