import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseGitVersion } from '../../src/git/repo.js';
import { normalizeOptions, normalizePath, outputWidth, parseYears } from '../../src/options.js';

describe('normalizePath', () => {
  it.each([
    ['drivers/vdpa/mlx5/core', 'drivers/vdpa/mlx5/core'],
    ['drivers/vdpa/mlx5/core/', 'drivers/vdpa/mlx5/core'],
    ['./drivers//vdpa/./mlx5/', 'drivers/vdpa/mlx5'],
    ['.', '.'],
    ['./', '.'],
    ['-p', '-p'],
    ['a b/ü*?[x]', 'a b/ü*?[x]'],
    [':(exclude)x', ':(exclude)x'],
  ])('%j → %j', (input, out) => {
    expect(normalizePath(input)).toBe(out);
  });

  it.each(['', '/abs', '../up', 'a/../../b', 'a\0b'])('rejects %j', (input) => {
    expect(() => normalizePath(input)).toThrow(UsageError);
  });
});

describe('normalizeOptions', () => {
  it('the repository comes from -C, else KSTAT_REPO, else the current directory', () => {
    expect(normalizeOptions(['x'], { repo: '/r' }, { KSTAT_REPO: '/e' }, '/cwd').repo).toBe('/r');
    expect(normalizeOptions(['x'], {}, { KSTAT_REPO: '/e' }, '/cwd').repo).toBe('/e');
    expect(normalizeOptions(['x'], {}, {}, '/cwd')).toEqual({ repo: '/cwd', rev: 'HEAD', paths: ['x'] });
  });

  it('reads dates and years: a date as --until ends at its last second', () => {
    const o = normalizeOptions(['x'], { since: '2020-01-01', until: '2021-01-01', rev: 'v6.9' }, {}, '/');
    expect(o).toEqual({ repo: '/', rev: 'v6.9', paths: ['x'], since: Date.UTC(2020, 0, 1) / 1000, until: Date.UTC(2021, 0, 2) / 1000 - 1 });
    expect(normalizeOptions(['x'], { years: '10' }, {}, '/').years).toBe(10);
  });

  it('refuses no path, an empty rev, and --years with --since', () => {
    expect(() => normalizeOptions([], {}, {}, '/')).toThrow(/no path given/);
    expect(() => normalizeOptions(['x'], { rev: '' }, {}, '/')).toThrow(/--rev is empty/);
    expect(() => normalizeOptions(['x'], { years: '1', since: '2020-01-01' }, {}, '/')).toThrow(/give one of them/);
  });

  it.each(['0', '-1', '1.5', '101', 'five', '', ' ', '1e2'])('--years %j is refused', (y) => {
    expect(() => parseYears(y)).toThrow(/whole number of years from 1 to 100/);
  });
});

describe('parseGitVersion', () => {
  it.each([
    ['git version 2.39.5\n', [2, 39]],
    ['git version 2.45.1.windows.1', [2, 45]],
    ['git version 3.0', [3, 0]],
    ['hub version 2.14', null],
    ['', null],
  ])('%j', (out, v) => expect(parseGitVersion(out)).toEqual(v));
});

describe('outputWidth', () => {
  it('--width wins; else the terminal\'s columns; a pipe (or a terminal that reports none) has no limit', () => {
    expect(outputWidth('100', { isTTY: true, columns: 80 })).toBe(100);
    expect(outputWidth(undefined, { isTTY: true, columns: 80 })).toBe(80);
    expect(outputWidth(undefined, { isTTY: true, columns: 12 })).toBe(20);
    expect(outputWidth(undefined, { isTTY: true, columns: 0 })).toBe(Infinity);
    expect(outputWidth(undefined, { isTTY: false, columns: 80 })).toBe(Infinity);
    expect(outputWidth(undefined, {})).toBe(Infinity);
  });

  it.each(['19', '1001', '80.5', 'wide', '', '-80'])('rejects --width %j', (text) => {
    expect(() => outputWidth(text, {})).toThrow(UsageError);
    expect(() => outputWidth(text, {})).toThrow(`--width ${JSON.stringify(text)}: give a whole number of columns from 20 to 1000`);
  });
});
