import { dependencyLevels, findCycles } from '../../workflows/wave/graph';

const app = (name: string, ...after: string[]) => ({ name, after });

describe('findCycles', () => {
  it('finds none in a wave whose dependencies all lead back to applications that wait for nothing', () => {
    expect(findCycles([app('a'), app('b', 'a'), app('c', 'a'), app('d', 'b', 'c')])).toEqual([]);
  });

  it('gives a circle as its path in running order, back to where it started', () => {
    // b waits for a, c for b, a for c: a runs before b, b before c, c before a.
    expect(findCycles([app('a', 'c'), app('b', 'a'), app('c', 'b')])).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('finds an application that waits for itself', () => {
    expect(findCycles([app('a', 'a'), app('b')])).toEqual([['a', 'a']]);
  });

  it('reports each of two separate circles once', () => {
    const cycles = findCycles([app('a', 'b'), app('b', 'a'), app('c', 'd'), app('d', 'c'), app('e', 'a')]);
    expect(cycles).toHaveLength(2);
    expect(cycles.map((cycle) => [...new Set(cycle)].sort())).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('leaves names that are not applications to the unknown-name check', () => {
    expect(findCycles([app('a', 'nobody')])).toEqual([]);
  });
});

describe('dependencyLevels', () => {
  it('puts each application one level after the deepest of those it waits for, in file order within a level', () => {
    expect(dependencyLevels([app('d', 'b', 'c'), app('c', 'a'), app('b', 'a'), app('a'), app('e')])).toEqual([
      ['a', 'e'],
      ['c', 'b'],
      ['d'],
    ]);
  });

  it('places an application after a long chain at the chain\'s end, not beside its shorter dependency', () => {
    expect(dependencyLevels([app('a'), app('b', 'a'), app('c', 'b'), app('d', 'a', 'c')])).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('leaves out applications on a circle and those waiting for them', () => {
    expect(dependencyLevels([app('a'), app('b', 'c'), app('c', 'b'), app('d', 'b')])).toEqual([['a']]);
  });
});
