import { describe, expect, it } from 'vitest';
import { closest, distance, nearby } from '../../src/signals/suggest.js';

describe('distance', () => {
  it.each([
    ['', '', 0],
    ['core', 'core', 0],
    ['cor', 'core', 1],
    ['mlx6', 'mlx5', 1],
    ['ocre', 'core', 1], // two neighbours swapped
    ['Core', 'core', 0], // case ignored
    ['net', 'vdpa', 4],
    ['ünï', 'uni', 2],
  ])('%j → %j: %i', (a, b, d) => {
    expect(distance(a, b)).toBe(d);
    expect(distance(b, a)).toBe(d);
  });
});

describe('closest', () => {
  const names = ['core', 'net', 'cord', 'mlx5', 'mlx4', 'ifcvf', 'vdpa_user'];
  it('nearest first, then by name, at most three', () => {
    expect(closest('cor', names)).toEqual(['cord', 'core']);
    expect(closest('mlx6', names)).toEqual(['mlx4', 'mlx5']);
    expect(closest('c', ['a', 'b', 'c1', 'c2', 'c3', 'c4'])).toEqual(['a', 'b', 'c1']);
  });

  it('a name the candidates start with counts as near, however long they are', () => {
    expect(closest('vdpa', names)).toEqual(['vdpa_user']);
  });

  it('nothing when nothing is near', () => {
    expect(closest('drivers', names)).toEqual([]);
    expect(closest('x', [])).toEqual([]);
  });
});

describe('nearby', () => {
  const listing = new Map([
    ['', new Map([['drivers', 'tree'], ['README', 'blob']])],
    ['drivers', new Map([['vdpa', 'tree'], ['net', 'tree']])],
    ['drivers/vdpa', new Map([['mlx5', 'tree'], ['ifcvf', 'tree']])],
    ['drivers/vdpa/mlx5', new Map([['core', 'tree'], ['net', 'tree']])],
  ]);

  it('swaps the first missing component for its nearest siblings, keeping the rest where it exists', () => {
    expect(nearby(listing, 'drivers/vdpa/mlx6/core')).toEqual({ close: ['drivers/vdpa/mlx5/core'], deepest: 'drivers/vdpa' });
    expect(nearby(listing, 'drivers/vdpa/mlx6/zzz')).toEqual({ close: ['drivers/vdpa/mlx5'], deepest: 'drivers/vdpa' });
    expect(nearby(listing, 'drivres')).toEqual({ close: ['drivers'], deepest: '' });
  });

  it('names the deepest directory that exists when nothing is close; a file is no directory', () => {
    expect(nearby(listing, 'drivers/vdpa/mlx5/zzzzzzzzz')).toEqual({ close: [], deepest: 'drivers/vdpa/mlx5' });
    expect(nearby(listing, 'README/x')).toEqual({ close: ['README'], deepest: '' });
  });
});
