// The MAINTAINERS parser and matcher (src/kernel/maintainers.ts) on odd files and paths, and the
// seen walk's parser on chunks cut anywhere.
import { describe, expect, it } from 'vitest';
import { SeenParser, type SeenCommit } from '../../src/git/maintainers.js';
import { exactPathspec, MaintainersMatcher, normaliseStatus, parseMaintainers, widePathspec } from '../../src/kernel/maintainers.js';

const matcher = (text: string, dirs: string[] = []): MaintainersMatcher => new MaintainersMatcher(parseMaintainers(text), (p) => dirs.includes(p));
const names = (m: MaintainersMatcher, file: string): string[] => m.cover(file).map((c) => m.sections[c.section]!.name);

describe('parseMaintainers', () => {
  it('skips the preamble (indented field-like lines), reads odd spacing, tabs, CRLF, and drops commented lines', () => {
    const text = 'Intro\n\n\tM: Mail patches to: FullName <a@b>\n\tF: *Files*\n\nFOO\r\nM:Al <al@x>\r\nF:   drivers/foo/  \r\n#F:\tdrivers/bar/\nX:\tdrivers/foo/x.c\n\n\nBAR\nS:\tOrphan\nF:\tbar/\n';
    const s = parseMaintainers(text);
    expect(s.map((x) => x.name)).toEqual(['FOO', 'BAR']);
    expect(s[0]!.fields).toEqual([
      { type: 'M', value: 'Al <al@x>' },
      { type: 'F', value: 'drivers/foo/' },
      { type: 'X', value: 'drivers/foo/x.c' },
    ]);
  });

  it('a commented line inside a section does not split it (get_maintainer.pl would name a section after it)', () => {
    const s = parseMaintainers('FOO\nM:\ta <a@x>\n#F:\tb/\nF:\tc/\n');
    expect(s).toHaveLength(1);
    expect(s[0]!.fields.map((f) => f.value)).toEqual(['a <a@x>', 'c/']);
  });

  it('sections need no blank line between them: the name is the line before a run of fields', () => {
    const s = parseMaintainers('FOO\nF:\ta/\nBAR\nF:\tb/\n');
    expect(s.map((x) => [x.name, x.fields[0]!.value])).toEqual([
      ['FOO', 'a/'],
      ['BAR', 'b/'],
    ]);
  });

  it('the first S: line is the status, read leniently and kept as written', () => {
    const [s] = parseMaintainers('FOO\nS:\tOrphaned (Since 2017-01)\nS:\tMaintained\n');
    expect([s!.status, s!.statusText]).toEqual(['Orphan', 'Orphaned (Since 2017-01)']);
    expect(parseMaintainers('FOO\nF:\ta/\n')[0]!.status).toBeNull();
  });

  it.each([
    ['Supported', 'Supported'],
    ['maintained', 'Maintained'],
    ['Odd Fixes', 'Odd Fixes'],
    ['odd fixes', 'Odd Fixes'],
    ['Odd fixes (since 2020)', 'Odd Fixes'],
    ['Orphan / Obsolete', 'Orphan'],
    ['Obsolete (use X instead)', 'Obsolete'],
    ['Buried alive in reporters', 'Buried'],
    ['Unknown', null],
    ['', null],
  ])('status %j is %j', (text, want) => {
    expect(normaliseStatus(text)).toBe(want);
  });
});

describe('MaintainersMatcher', () => {
  const text = [
    'REST', 'F:\t*', 'F:\t*/', '',
    'NET', 'F:\tdrivers/net/', 'X:\tdrivers/net/wireless/', '',
    'NET GLOB', 'F:\tdrivers/net/*', '',
    'PHY', 'F:\tdrivers/net/phy/phy.c', '',
    'DIR NO SLASH', 'F:\tdrivers/gpu', '',
    'MIXED', 'F:\tdrivers/gpu/', 'N:\tgpu', '',
    'DEEP GLOB', 'F:\tsound/soc/*/codec.c', '',
    'DOT DIR', 'F:\tlib/a.b', '',
  ].join('\n');
  const m = matcher(text, ['drivers', 'drivers/net', 'drivers/gpu', 'drivers/net/phy', 'lib/a.b']);

  it('a directory pattern covers everything below; excludes are checked first', () => {
    expect(names(m, 'drivers/net/phy/')).toEqual(['NET', 'REST']);
    expect(names(m, 'drivers/net/wireless/ath/')).toEqual(['REST']);
  });

  it('a glob matches at its own level only', () => {
    expect(names(m, 'drivers/net/Makefile')).toEqual(['NET GLOB', 'NET', 'REST']);
    expect(names(m, 'drivers/net/phy/x.c')).toEqual(['NET', 'REST']);
    expect(names(m, 'sound/soc/foo/codec.c')).toEqual(['DEEP GLOB', 'REST']);
    expect(names(m, 'sound/soc/foo/bar/codec.c')).toEqual(['REST']);
  });

  it('a file pattern also matches longer names at its level (the script does not anchor its end)', () => {
    expect(names(m, 'drivers/net/phy/phy.c')).toEqual(['PHY', 'NET', 'REST']);
    expect(names(m, 'drivers/net/phy/phy.cpp')).toEqual(['PHY', 'NET', 'REST']);
    expect(names(m, 'drivers/net/phy/phy.c/')).toEqual(['NET', 'REST']);
  });

  it('a pattern naming a directory of the tree gets its slash; one with a dot never does, as the script asks the file system for `a\\.b`', () => {
    expect(names(m, 'drivers/gpu/drm/')).toEqual(['DIR NO SLASH', 'MIXED', 'REST']);
    expect(names(m, 'lib/a.b/')).toEqual(['REST']);
    expect(names(m, 'lib/a.b')).toEqual(['DOT DIR', 'REST']);
  });

  it("a section's rank is its last matching line's: N: after F: makes it 0", () => {
    const c = m.cover('drivers/gpu/drm/');
    expect(c.map((x) => [m.sections[x.section]!.name, x.matched, x.depth])).toEqual([
      ['DIR NO SLASH', 'drivers/gpu', 2],
      ['MIXED', 'gpu', 0],
      ['REST', '*/', -1],
    ]);
    expect(m.cover('drivers/gpu/drm/', { fileOnly: true }).map((x) => x.matched)).toEqual(['drivers/gpu', 'drivers/gpu/', '*/']);
  });

  it('the argument for a path: a directory gets a trailing slash, the top is ./', () => {
    expect([m.argument('drivers/net'), m.argument('drivers/net/x.c'), m.argument('.')]).toEqual(['drivers/net/', 'drivers/net/x.c', './']);
  });

  it('a regex the script could not compile matches nothing', () => {
    const bad = matcher('BAD\nN:\t(unclosed\n');
    expect(names(bad, 'a/(unclosed/')).toEqual([]);
  });
});

describe('pathspecs of patterns', () => {
  const p = (value: string, dirs: string[] = []): ReturnType<MaintainersMatcher['patterns']>['files'][number] =>
    matcher(`S\nF:\t${value}\n`, dirs).patterns(0).files[0]!;
  it.each([
    ['drivers/net/', [], ':(literal)drivers/net', ':(literal)drivers/net'],
    ['drivers/net', ['drivers/net'], ':(literal)drivers/net', ':(literal)drivers/net'],
    ['drivers/net/*', [], ':(glob)drivers/net/*', ':(glob)drivers/net/*'],
    ['drivers/**.c', [], ':(glob)drivers/*.c*', ':(glob)drivers/*.c*'],
    ['include/linux/foo.h', [], ':(glob)include/linux/foo.h*', ':(glob)include/linux/foo.h*'],
    ['sound/soc/*/s?.c', [], ':(glob)sound/soc/*/s?.c*', ':(glob)sound/soc/*/s?.c*'],
    ['drivers/*/foo/', [], null, ':(literal)drivers'],
    ['drivers/net/[ab].c', [], null, ':(literal)drivers/net'],
    ['*/', [], null, ':(literal).'],
  ])('F: %s (directories %j): exact %s, wide %s', (value, dirs, exact, wide) => {
    expect(exactPathspec(p(value, dirs))).toBe(exact);
    expect(widePathspec(p(value, dirs))).toBe(wide);
  });
});

describe('SeenParser', () => {
  const stream = Buffer.concat([
    Buffer.from('/aaaa\x001700000000\x00a@x\x00c@x\x00Reviewed-by: R <r@x>\n\x00\nd/one.c\x00d/two\nlines.c\x00'),
    Buffer.from('/bbbb\x001600000000\x00\x00c@x\x00\x00\ne.c\x00'),
  ]);
  const parse = (chunks: Buffer[]): SeenCommit[] => {
    const out: SeenCommit[] = [];
    const p = new SeenParser((c) => out.push(c));
    for (const c of chunks) p.push(c);
    p.end();
    return out;
  };

  it('reads every commit the same however the stream is cut', () => {
    const whole = parse([stream]);
    expect(whole.map((c) => [c.sha, c.time, c.authorEmail, c.committerEmail, c.trailers.toString(), c.files])).toEqual([
      ['aaaa', 1700000000, 'a@x', 'c@x', 'Reviewed-by: R <r@x>\n', ['d/one.c', 'd/two\nlines.c']],
      ['bbbb', 1600000000, '', 'c@x', '', ['e.c']],
    ]);
    for (let cut = 1; cut < stream.length; cut++) expect(parse([stream.subarray(0, cut), stream.subarray(cut)])).toEqual(whole);
  });
});
