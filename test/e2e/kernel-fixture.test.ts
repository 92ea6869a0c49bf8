// The kernel fixture (fixtures/recipes/kernel.ts) holds what the deprecation preset and the
// kernel's figures rely on, checked with plain git and simple readings, so the recipe cannot
// drift away from its cases without a test saying so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KERNEL_DIRS, KERNEL_HEAD_DATE, KERNEL_PEOPLE, kernel } from '../../fixtures/recipes/kernel.js';
import { fixtureRepo, git, removeTempDirs } from '../helpers/repos.js';

const HEAD_S = Date.parse(KERNEL_HEAD_DATE) / 1000;
const MONTH = 30.44 * 86_400;
const YEAR = 365.25 * 86_400;

let repo: string;
beforeAll(() => {
  repo = fixtureRepo(kernel);
});
afterAll(removeTempDirs);

interface Commit {
  time: number;
  authorEmail: string;
  committerEmail: string;
  subject: string;
  body: string;
}

/** Commits touching `path` (all when omitted), newest first, with their raw messages and addresses as committed (no mailmap). */
function commits(path?: string): Commit[] {
  const out = git(repo, ['log', '--no-merges', '--format=%ct%x00%ae%x00%ce%x00%s%x00%B%x1e', ...(path ? ['--', path] : [])]);
  return out
    .split('\x1e')
    .map((r) => r.replace(/^\n/, ''))
    .filter((r) => r !== '')
    .map((r) => {
      const [time, authorEmail, committerEmail, subject, body] = r.split('\0') as [string, string, string, string, string];
      return { time: Number(time), authorEmail, committerEmail, subject, body };
    });
}

/** Whether an e-mail shows up in the commit: author, committer, or any line of its message (trailers). */
const appears = (c: Commit, email: string): boolean => c.authorEmail === email || c.committerEmail === email || c.body.includes(`<${email}>`);

/** MAINTAINERS read simply: blocks after the `Maintainers List` rule, first line the name, `T:` lines the fields. */
function sections(text: string): Map<string, string[]> {
  const list = text.slice(text.indexOf('Maintainers List'));
  const blocks = list.split(/\n\s*\n/).slice(1);
  return new Map(blocks.map((b) => b.split('\n').filter(Boolean)).map((lines) => [lines[0]!, lines.slice(1)]));
}

describe('the kernel fixture', () => {
  it('ends at 2025-11-01 after six years of history', () => {
    expect(Number(git(repo, ['log', '-1', '--format=%ct']).trim())).toBe(HEAD_S);
    const root = Number(git(repo, ['log', '--max-parents=0', '--format=%ct']).trim());
    expect((HEAD_S - root) / YEAR).toBeGreaterThan(6);
  });

  it('has release tags v1.0 … v1.24 about every three months, annotated, and -rc1 tags', () => {
    const tags = git(repo, ['tag', '--merged', 'HEAD']).split('\n').filter(Boolean);
    const releases = Array.from({ length: 25 }, (_, k) => `v1.${k}`);
    expect(tags).toEqual(expect.arrayContaining(releases));
    expect(tags.filter((t) => /-rc1$/.test(t)).length).toBeGreaterThan(5);
    const dates = releases.map((t) => Number(git(repo, ['for-each-ref', '--format=%(taggerdate:unix)', `refs/tags/${t}`]).trim()));
    dates.slice(1).forEach((d, i) => expect((d - dates[i]!) / MONTH).toBeGreaterThan(2.5));
    dates.slice(1).forEach((d, i) => expect((d - dates[i]!) / MONTH).toBeLessThan(3.5));
    expect(git(repo, ['cat-file', '-t', 'v1.24']).trim()).toBe('tag');
  });

  it('MAINTAINERS is in kernel format, with each case\'s status, odd spacing, a commented-out line, X:, N:, K:, T:', () => {
    const text = git(repo, ['show', 'HEAD:MAINTAINERS']);
    const s = sections(text);
    const status = (name: string): string | undefined => s.get(name)?.find((l) => l.startsWith('S:'))?.slice(2).trim();
    expect(status(KERNEL_DIRS.healthy.section)).toBe('Maintained');
    expect(status(KERNEL_DIRS.orphan.section)).toBe('Orphan');
    expect(status(KERNEL_DIRS.obsolete.section)).toBe('Obsolete');
    expect(status(KERNEL_DIRS.unbuilt.section)).toBe('Maintained');
    expect(status(KERNEL_DIRS.abandoned.section)).toBe('Maintained');
    expect(status(KERNEL_DIRS.silent.section)).toBe('Supported');
    expect(s.get(KERNEL_DIRS.orphan.section)).toContain('S:\tOrphan');
    expect(s.get(KERNEL_DIRS.orphan.section)!.some((l) => l.startsWith('#F:'))).toBe(true);
    expect(s.get(KERNEL_DIRS.orphan.section)!.some((l) => l.startsWith('M:'))).toBe(false);
    expect(s.get(KERNEL_DIRS.sharedA.section)).toEqual(expect.arrayContaining(['F:    drivers/shared/a/', 'X:\tdrivers/shared/a/legacy.c']));
    expect(s.get(KERNEL_DIRS.sharedB.section)).toEqual(expect.arrayContaining(['N:\tshared/b/.*helper', 'S: Odd Fixes']));
    expect(s.get('SHARED DRIVERS')).toContain('F:\tdrivers/shared/');
    expect(s.get(KERNEL_DIRS.healthy.section)!.map((l) => l.slice(0, 2))).toEqual(expect.arrayContaining(['M:', 'R:', 'L:', 'S:', 'T:', 'F:', 'K:']));
    expect(s.get(KERNEL_DIRS.silent.section)).toContain(`M:\t${KERNEL_PEOPLE.sid.name} <${KERNEL_PEOPLE.sid.email}>`);
    // Header text comes before the first section.
    expect(text.indexOf('List of maintainers')).toBe(0);
  });

  it('.mailmap maps the healthy maintainer\'s old address to the one MAINTAINERS lists', () => {
    const old = `${KERNEL_PEOPLE.hanaOld.name} <${KERNEL_PEOPLE.hanaOld.email}>`;
    expect(git(repo, ['check-mailmap', old]).trim()).toBe(`${KERNEL_PEOPLE.hana.name} <${KERNEL_PEOPLE.hana.email}>`);
    expect(commits(KERNEL_DIRS.healthy.path).some((c) => c.committerEmail === KERNEL_PEOPLE.hanaOld.email)).toBe(true);
  });

  it('Kconfig and Makefiles build each directory; unbuilt is in no defconfig, healthy in both', () => {
    const kconfig = git(repo, ['show', 'HEAD:drivers/Kconfig']);
    const makefile = git(repo, ['show', 'HEAD:drivers/Makefile']);
    const defconfigs = git(repo, ['ls-tree', '-r', '--name-only', 'HEAD', 'arch']).split('\n').filter((f) => /^arch\/[^/]+\/configs\/.*defconfig$/.test(f));
    expect(defconfigs.sort()).toEqual(['arch/arm64/configs/defconfig', 'arch/x86/configs/x86_64_defconfig']);
    const enabled = (symbol: string): number => defconfigs.filter((f) => new RegExp(`^CONFIG_${symbol}=[ym]$`, 'm').test(git(repo, ['show', `HEAD:${f}`]))).length;
    for (const d of Object.values(KERNEL_DIRS)) {
      expect(kconfig).toMatch(new RegExp(`^config ${d.symbol}\\n\\ttristate "[^"]+"\\n\\tdepends on `, 'm'));
      const leaf = d.path.split('/').at(-1)!;
      const parent = d.path.startsWith('drivers/shared/') ? git(repo, ['show', 'HEAD:drivers/shared/Makefile']) : makefile;
      expect(parent).toMatch(new RegExp(`^obj-\\$\\(CONFIG_${d.symbol}\\)\\s+\\+= ${leaf}/$`, 'm'));
    }
    expect(enabled(KERNEL_DIRS.unbuilt.symbol)).toBe(0);
    expect(enabled(KERNEL_DIRS.healthy.symbol)).toBe(2);
    expect(enabled(KERNEL_DIRS.silent.symbol)).toBe(1);
  });

  it('drivers/silent: commits keep arriving in the last 12 months, its maintainer last appeared over 2 years ago', () => {
    const all = commits(KERNEL_DIRS.silent.path);
    const sid = KERNEL_PEOPLE.sid.email;
    const lastSid = Math.max(...all.filter((c) => appears(c, sid)).map((c) => c.time));
    expect((HEAD_S - lastSid) / YEAR).toBeGreaterThan(2);
    const recent = all.filter((c) => c.time > HEAD_S - YEAR);
    expect(recent.filter((c) => !c.subject.startsWith('treewide:')).length).toBeGreaterThanOrEqual(6);
    expect(recent.every((c) => !appears(c, sid))).toBe(true);
  });

  it('drivers/abandoned: nothing but treewide: sweeps for over 4 years', () => {
    const all = commits(KERNEL_DIRS.abandoned.path);
    const own = all.filter((c) => !c.subject.startsWith('treewide:'));
    expect((HEAD_S - Math.max(...own.map((c) => c.time))) / YEAR).toBeGreaterThan(4);
    expect(all.filter((c) => c.subject.startsWith('treewide:') && c.time > HEAD_S - YEAR).length).toBeGreaterThan(0);
  });

  it('drivers/healthy: its maintainer applies others\' patches with her sign-off to the end, several authors, work every few months', () => {
    const all = commits(KERNEL_DIRS.healthy.path).filter((c) => !c.subject.startsWith('treewide:'));
    const hana = KERNEL_PEOPLE.hana.email;
    const applied = all.filter((c) => c.committerEmail === hana && c.authorEmail !== hana && c.body.includes(`Signed-off-by: ${KERNEL_PEOPLE.hana.name} <${hana}>`));
    expect(applied.length).toBeGreaterThan(10);
    expect(Math.max(...all.filter((c) => appears(c, hana)).map((c) => c.time))).toBe(HEAD_S);
    expect(all.some((c) => c.time > HEAD_S - YEAR && c.body.includes(`Reviewed-by: ${KERNEL_PEOPLE.rita.name}`))).toBe(true);
    expect(new Set(all.filter((c) => c.time > HEAD_S - YEAR).map((c) => c.authorEmail)).size).toBeGreaterThanOrEqual(3);
    const times = all.map((c) => c.time).sort((a, b) => a - b);
    times.slice(1).forEach((t, i) => expect((t - times[i]!) / MONTH).toBeLessThan(3));
  });

  it('drivers/orphan and drivers/unbuilt still receive commits', () => {
    for (const d of [KERNEL_DIRS.orphan, KERNEL_DIRS.unbuilt]) expect(commits(d.path).filter((c) => c.time > HEAD_S - YEAR && !c.subject.startsWith('treewide:')).length).toBeGreaterThan(2);
  });

  it('messages carry trailers in every form; some commits are committed by someone else; some are reverts', () => {
    const all = commits();
    const bodies = all.map((c) => c.body);
    const has = (re: RegExp): boolean => bodies.some((b) => re.test(b));
    expect(has(/^Signed-off-by: /m)).toBe(true);
    expect(all.some((c) => c.body.includes(`Signed-off-by: `) && c.body.includes(`<${c.authorEmail}>`))).toBe(true);
    for (const re of [/^Reviewed-by: /m, /^Acked-by: /m, /^Tested-by: /m, /^Reported-by: /m, /^Co-developed-by: /m, /^Fixes: [0-9a-f]{12} \("[^"]+"\)$/m, /^Cc: stable@vger\.kernel\.org$/m, /^reviewed-BY: /m]) {
      expect(has(re), String(re)).toBe(true);
    }
    // A folded trailer: a line starting with whitespace continues the one before; git unfolds it.
    const folded = all.find((c) => /^Reported-by: [^\n<]+\n <[^>]+>$/m.test(c.body))!;
    expect(folded).toBeDefined();
    const unfolded = git(repo, ['log', '-1', '--format=%(trailers:key=Reported-by,unfold,valueonly)', '--grep', folded.subject, '--fixed-strings']).trim();
    expect(unfolded).toBe(`${KERNEL_PEOPLE.gus.name} <${KERNEL_PEOPLE.gus.email}>`);
    // Duplicate trailers: one line twice in one message.
    expect(bodies.some((b) => b.split('\n').filter((l) => /^[A-Za-z-]+: /.test(l)).some((l, i, ls) => ls.indexOf(l) !== i))).toBe(true);
    expect(all.filter((c) => c.subject.startsWith('Revert "')).length).toBeGreaterThanOrEqual(2);
    expect(all.filter((c) => c.committerEmail !== c.authorEmail).length).toBeGreaterThan(50);
  });

  it('builds the same repository every time', () => {
    const again = fixtureRepo(kernel);
    expect(git(again, ['rev-parse', 'HEAD', 'v1.24^{}'])).toBe(git(repo, ['rev-parse', 'HEAD', 'v1.24^{}']));
  });
});
