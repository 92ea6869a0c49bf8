import { describe, expect, it } from 'vitest';
import { closest, distance } from '../../src/signals/suggest.js';

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
