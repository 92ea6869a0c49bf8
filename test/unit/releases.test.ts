// The pure parts of the releases figures: which releases a path changed in from its ids, the
// cat-file answers read at any chunking, the tag list, and the --release-tags check.
import { describe, expect, it } from 'vitest';
import { BatchCheckReader, parseTagList } from '../../src/git/releases.js';
import { DEFAULT_RELEASE_TAGS, releaseChanges } from '../../src/kernel/releases.js';
import { parseTagPattern } from '../../src/options.js';
import { UsageError } from '../../src/errors.js';
import { renderCsv } from '../../src/render/csv.js';
import { renderText } from '../../src/render/text.js';
import { renderOpts, sampleReport } from '../helpers/report.js';

const NAMES = ['v1', 'v2', 'v3', 'v4', 'v5'];

describe('releaseChanges', () => {
  it.each([
    ['there throughout, changed in v3', ['a', 'a', 'b', 'b', 'b'], 5, { considered: 5, changed: 2, first: 'v1', last: 'v3' }],
    ['appears in v2, vanishes in v4', [null, 'a', 'a', null, null], 5, { considered: 5, changed: 2, first: 'v2', last: 'v4' }],
    ['back to an older id still changes', ['a', 'b', 'a', 'a', 'a'], 5, { considered: 5, changed: 3, first: 'v1', last: 'v3' }],
    ['never there', [null, null, null, null, null], 5, { considered: 5, changed: 0, first: null, last: null }],
    ['only the newest two counted; first and last over all', ['a', 'b', 'b', 'b', 'b'], 2, { considered: 2, changed: 0, first: 'v1', last: 'v2' }],
    ['more asked than there are', ['a', 'a', 'a', 'a', 'b'], 50, { considered: 5, changed: 2, first: 'v1', last: 'v5' }],
  ] as const)('%s', (_, ids, n, want) => {
    const got = releaseChanges(NAMES, ids, n)!;
    expect(got).toEqual({ ...want, oldest: NAMES[NAMES.length - want.considered], newest: 'v5' });
  });

  it('no releases: null', () => {
    expect(releaseChanges([], [], 20)).toBeNull();
  });
});

describe('BatchCheckReader', () => {
  const names = ['aaa:drivers/x', 'bbb:drivers/ü', 'ccc:', 'ddd:gone'];
  const oid = (c: string): string => c.repeat(40);
  const out = Buffer.from(`${oid('1')} tree\n${oid('2')} blob\n${oid('3')} tree\nddd:gone missing\n`, 'utf8');

  it('reads ids and missing answers in order, at any chunking', () => {
    for (let seed = 1; seed < 60; seed++) {
      const reader = new BatchCheckReader(names);
      let at = 0;
      let s = seed;
      while (at < out.length) {
        s = (s * 48271) % 2147483647;
        const n = 1 + (s % 17);
        reader.push(out.subarray(at, at + n));
        at += n;
      }
      expect(reader.end()).toEqual([{ oid: oid('1'), type: 'tree' }, { oid: oid('2'), type: 'blob' }, { oid: oid('3'), type: 'tree' }, null]);
    }
  });

  it('a missing answer must echo the question asked, bytes and all', () => {
    const reader = new BatchCheckReader(['x:drivers/ü']);
    reader.push(Buffer.from('x:drivers/ü missing\n', 'utf8'));
    expect(reader.end()).toEqual([null]);
    expect(() => new BatchCheckReader(['x:a']).push(Buffer.from('x:b missing\n'))).toThrow(/unexpected git cat-file answer/);
  });

  it('too few, too many or unfinished answers are errors', () => {
    const few = new BatchCheckReader(['x:a', 'x:b']);
    few.push(Buffer.from(`${oid('1')} blob\n`));
    expect(() => few.end()).toThrow(/1 answers to 2 questions/);
    expect(() => new BatchCheckReader([]).push(Buffer.from(`${oid('1')} blob\n`))).toThrow(/more than it was asked/);
    const cut = new BatchCheckReader(['x:a']);
    cut.push(Buffer.from(oid('1').slice(0, 10)));
    expect(() => cut.end()).toThrow(/inside a line/);
  });
});

describe('parseTagList', () => {
  it('reads `<oid> refs/tags/<name>` lines, names with slashes kept', () => {
    expect(parseTagList(`${'a'.repeat(40)} refs/tags/v1.0\n${'b'.repeat(40)} refs/tags/stable/v1.1\n`)).toEqual([
      { oid: 'a'.repeat(40), name: 'v1.0' },
      { oid: 'b'.repeat(40), name: 'stable/v1.1' },
    ]);
    expect(() => parseTagList('nonsense\n')).toThrow(/unexpected git for-each-ref line/);
  });
});

describe('--release-tags', () => {
  it('the default takes releases and leaves rc tags out', () => {
    const re = new RegExp(DEFAULT_RELEASE_TAGS);
    expect(['v6.8', 'v2024.01', '24.02', 'v2.6.24', '4.22.01'].filter((t) => re.test(t))).toHaveLength(5);
    expect(['v6.8-rc1', 'v6', 'next-20240101', 'v6.8.', 'release'].filter((t) => re.test(t))).toEqual([]);
  });

  it('a pattern that is not a regular expression, or none, is a usage error', () => {
    expect(parseTagPattern('^v[0-9]+$')).toBe('^v[0-9]+$');
    expect(() => parseTagPattern('(')).toThrow(UsageError);
    expect(() => parseTagPattern('')).toThrow(/--release-tags is empty/);
  });
});

describe('releases in the renderers', () => {
  const releases = { considered: 20, changed: 7, first: '=v2.6.24', last: 'v6.18', oldest: 'v6.0', newest: 'v6.19' };

  it('CSV guards tag names as free text', () => {
    const row = renderCsv([sampleReport('x', { releases })]).trimEnd().split('\n')[1]!.split(',');
    expect(row.slice(-4)).toEqual(['7', '20', "'=v2.6.24", 'v6.18']);
  });

  it('the block has one line with releases, none without', () => {
    const one = renderText([sampleReport('x', { releases })], renderOpts({ many: false, width: 80 })).split('\n');
    expect(one).toContain('changed in 7 of 20 releases (v6.0 → v6.19); first =v2.6.24, last change v6.18');
    const none = renderText([sampleReport('x')], renderOpts({ many: false, width: 80 }));
    expect(none).not.toContain('releases');
  });
});
