/** Pure helpers for the traffic split and the queue limits the canary depends on. */
export interface Weights {
  blue: number;
  green: number;
}

export const ALL_BLUE: Weights = { blue: 100, green: 0 };

export function weightsFor(greenPercent: number): Weights {
  return { blue: 100 - greenPercent, green: greenPercent };
}

export function sameWeights(a: Weights | null | undefined, b: Weights): boolean {
  return !!a && a.blue === b.blue && a.green === b.green;
}

/** Names of the queues still above their limit; a queue with no reading counts as above. */
export function queuesOverLimit(depths: Record<string, number>, limits: { name: string; maxMessages: number }[]): string[] {
  return limits.filter((queue) => (depths[queue.name] ?? Infinity) > queue.maxMessages).map((queue) => queue.name);
}
