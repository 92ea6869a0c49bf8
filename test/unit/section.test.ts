import { describe, expect, it } from 'vitest';
import { MaintainersMatcher, parseMaintainers } from '../../src/kernel/maintainers.js';
import { findSection, sectionPathspecs } from '../../src/kernel/section.js';
import { sectionSweep } from '../../src/signals/sweep.js';

const TEXT = ['FOO', 'F:\tdrivers/foo/', 'F:\tinclude/linux/foo*.h', 'X:\tdrivers/foo/sub/', 'X:\tdrivers/foo/x.c', '', 'Foo', 'F:\tfoo', '', 'REST', 'F:\t*/', '', 'NONE', 'M:\tA <a@b>', ''].join('\n');
const matcher = new MaintainersMatcher(parseMaintainers(TEXT), (p) => ['drivers/foo', 'drivers/foo/sub'].includes(p));
const names = matcher.sections.map((s) => s.name);

describe('findSection', () => {
  it('exact first, then in any case; several in another case are ambiguous; none is null', () => {
    expect(findSection(names, 'Foo')).toEqual({ index: 1 });
    expect(findSection(names, 'FOO')).toEqual({ index: 0 });
    expect(findSection(names, 'foo')).toEqual({ ambiguous: ['FOO', 'Foo'] });
    expect(findSection(names, 'rest')).toEqual({ index: 2 });
    expect(findSection(names, 'nothing')).toBeNull();
  });
});

describe('sectionPathspecs', () => {
  it('F: lines as exact pathspecs, X: lines as excludes, the depth of the deepest F: directory', () => {
    expect(sectionPathspecs(matcher, 0)).toEqual({
      pathspecs: [':(literal)drivers/foo', ':(glob)include/linux/foo*.h*', ':(exclude,literal)drivers/foo/sub', ':(exclude,glob)drivers/foo/x.c*'],
      depth: 2,
    });
    expect(sectionPathspecs(matcher, 1)).toEqual({ pathspecs: [':(glob)foo*'], depth: 1 });
  });

  it('refuses a pattern git cannot say, and a section without F:', () => {
    expect(sectionPathspecs(matcher, 2)).toEqual({ refused: { type: 'F', text: '*/' } });
    expect(sectionPathspecs(matcher, 3)).toEqual({ empty: true });
  });
});

describe('sectionSweep', () => {
  const inside = (f: string): boolean => f.startsWith('drivers/foo/');
  it('counts the directories of the files outside, at the depth given, up to K', () => {
    const names = ['drivers/foo/a.c', 'drivers/bar/a.c', 'drivers/baz/b/c.c', 'fs/x.c', 'README'];
    expect(sectionSweep(names, inside, 2, { dirs: 4 })).toBe(true);
    expect(sectionSweep(names, inside, 2, { dirs: 5 })).toBe(false);
    expect(sectionSweep(names, inside, 1, { dirs: 3 })).toBe(true);
    expect(sectionSweep(names, inside, 1, { dirs: 4 })).toBe(false);
  });
});
