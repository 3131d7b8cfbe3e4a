/**
 * The wave's dependency graph: which applications wait for which. Pure, so the client can refuse a
 * wave that could never finish and the wave workflow can schedule from the same rules.
 */

export interface Dependent {
  name: string;
  /** Names that must complete before this one starts. */
  after: readonly string[];
}

/**
 * Every distinct circle of waiting, each as the path in running order that returns to its start
 * (["a", "b", "a"]: b waits for a and a for b). Names in `after` that are not applications are
 * left to the unknown-name check.
 */
export function findCycles(applications: readonly Dependent[]): string[][] {
  const waitsFor = new Map(applications.map((app) => [app.name, app.after]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const seen = new Set<string>();

  const visit = (node: string) => {
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of waitsFor.get(node) ?? []) {
      if (!waitsFor.has(next)) continue;
      if (state.get(next) === 'visiting') {
        // The stack from `next` to here is waiting order; reversed, and starting from `next`, it is running order.
        const circle = [next, ...stack.slice(stack.indexOf(next) + 1).reverse()];
        const key = [...circle].sort().join('\u0000');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push([...circle, circle[0]!]);
        }
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const app of applications) if (!state.has(app.name)) visit(app.name);
  return cycles;
}

/**
 * Applications by dependency level: level 0 waits for nothing, level n waits only for levels below n.
 * Applications on a cycle (or waiting for one) have no level and are left out; validation refuses
 * such a wave before this is used for a schedule.
 */
export function dependencyLevels(applications: readonly Dependent[]): string[][] {
  const known = new Set(applications.map((app) => app.name));
  const level = new Map<string, number>();
  const levels: string[][] = [];
  let placed = true;
  while (placed) {
    placed = false;
    for (const app of applications) {
      if (level.has(app.name)) continue;
      const deps = app.after.filter((dep) => known.has(dep));
      if (!deps.every((dep) => level.has(dep))) continue;
      const at = deps.length === 0 ? 0 : Math.max(...deps.map((dep) => level.get(dep)!)) + 1;
      level.set(app.name, at);
      (levels[at] ??= []).push(app.name);
      placed = true;
    }
  }
  return levels.map((names) => applications.map((app) => app.name).filter((name) => names.includes(name)));
}
