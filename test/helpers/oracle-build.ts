// The build switches computed apart from kstat (docs/signals.md "Build switches"): one plain git
// command per question (git cat-file, git grep with glob pathspecs) and a deliberately simple
// reading of makefiles and Kconfig entries, enough for the kbuild fixture's forms.
import { execFileSync } from 'node:child_process';
import { hermeticGitEnv } from '../../fixtures/git-env.js';

export interface OracleSwitch {
  symbol: string;
  from: 'parent' | 'own';
  makefile: string;
  type: string | null;
  prompt: string | null;
  depends_on: string[];
  kconfig: string | null;
  defconfigs: number | null;
}

export interface OracleBuild {
  build_switches: OracleSwitch[];
  defconfigs: number | null;
}

function run(repo: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: repo, env: hermeticGitEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

const show = (repo: string, rev: string, path: string): string | null => run(repo, ['cat-file', '-p', `${rev}:${path}`]);
const typeOf = (repo: string, rev: string, path: string): string | null => run(repo, ['cat-file', '-t', `${rev}:${path}`])?.trim() ?? null;

interface Line {
  base: string;
  symbol: string | null;
  targets: string[];
}

/** A directory's makefile (Kbuild first) and its lines: continuations joined, comments cut, ifdef CONFIG_X blocks read. */
function makefile(repo: string, rev: string, dir: string): { path: string; lines: Line[] } | null {
  for (const name of ['Kbuild', 'Makefile']) {
    const path = dir === '' ? name : `${dir}/${name}`;
    const text = show(repo, rev, path);
    if (text === null) continue;
    const lines: Line[] = [];
    const ifdefs: Array<string | null> = [];
    for (const raw of text.replace(/\\\n/g, ' ').split('\n')) {
      const line = raw.replace(/#.*/, '').trim();
      const ifdef = /^ifdef (CONFIG_\w+)$/.exec(line);
      if (ifdef) ifdefs.push(ifdef[1]!);
      else if (line === 'else') ifdefs[ifdefs.length - 1] = null;
      else if (line === 'endif') ifdefs.pop();
      const m = /^([\w.-]+?)-(y|m|objs|\$\((CONFIG_\w+)\))\s*(\+=|:=|=)(.*)$/.exec(line);
      if (m) lines.push({ base: m[1]!, symbol: m[3] ?? [...ifdefs].reverse().find((s) => s !== null) ?? null, targets: m[5]!.trim().split(/\s+/) });
    }
    return { path, lines };
  }
  return null;
}

/** How the lines build a target: the symbols, 'always', or null when none names it. */
function builtBy(lines: Line[], target: string): string[] | 'always' | null {
  const naming = lines.filter((l) => l.targets.includes(target));
  if (naming.length === 0) return null;
  const symbols: string[] = [];
  let always = false;
  for (const l of naming) {
    if (['obj', 'subdir', 'lib'].includes(l.base) || l.symbol !== null) {
      if (l.symbol === null) always = true;
      else if (!symbols.includes(l.symbol)) symbols.push(l.symbol);
    } else if (target.endsWith('.o')) {
      const whole = builtBy(lines, `${l.base}.o`);
      if (whole === 'always') always = true;
      else if (whole) symbols.push(...whole.filter((s) => !symbols.includes(s)));
    }
  }
  return symbols.length > 0 ? symbols : always ? 'always' : null;
}

const parentOf = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');

/** The nearest switched line above the path, climbing over obj-y lines; a file no line names goes by its directory. */
function gate(repo: string, rev: string, path: string): { symbols: string[]; makefile: string } | null {
  let at = path;
  let dir = typeOf(repo, rev, path) === 'tree';
  while (at !== '') {
    let climb: string | null = null;
    for (let a = parentOf(at); climb === null; a = parentOf(a)) {
      const mk = makefile(repo, rev, a);
      const rel = a === '' ? at : at.slice(a.length + 1);
      const target = dir ? `${rel}/` : rel.endsWith('.c') ? `${rel.slice(0, -2)}.o` : null;
      const built = mk && target ? builtBy(mk.lines, target) : null;
      if (Array.isArray(built)) return { symbols: built, makefile: mk!.path };
      if (built === 'always') climb = a;
      if (a === '') break;
    }
    if (climb !== null) at = climb;
    else if (!dir) at = parentOf(at);
    else return null;
    dir = true;
  }
  return null;
}

const unquote = (s: string): string => s.replace(/\\(.)/g, '$1');

/** A symbol's Kconfig entry: `git grep` finds `config NAME` lines, the lines after it up to help or the margin are read. */
function kconfig(repo: string, rev: string, symbol: string): Pick<OracleSwitch, 'type' | 'prompt' | 'depends_on' | 'kconfig'> {
  const name = symbol.replace(/^CONFIG_/, '');
  const hits = (run(repo, ['grep', '-n', '-E', `^(menu)?config ${name}$`, rev, '--', ':(glob)**/Kconfig*']) ?? '').split('\n').filter(Boolean);
  const defs = hits.map((hit) => {
    const [, path, line] = /^[^:]+:(.+):(\d+):/.exec(hit)!;
    const body: string[] = [];
    for (const l of show(repo, rev, path!)!.split('\n').slice(Number(line)).join('\n').replace(/\\\n/g, '').split('\n')) {
      if (/^\S/.test(l) || /^\s+(help|---help---)\s*$/.test(l)) break;
      body.push(l.trim());
    }
    const typeLine = body.map((l) => /^(bool|tristate|string|int|hex|def_bool|def_tristate)\b\s*(.*)$/.exec(l)).find(Boolean);
    const promptOf = (text: string): string | null => {
      const q = /^"((?:[^"\\]|\\.)*)"/.exec(text);
      return q ? unquote(q[1]!) : null;
    };
    const prompt = (typeLine && !typeLine[1]!.startsWith('def_') ? promptOf(typeLine[2]!) : null) ?? body.map((l) => (l.startsWith('prompt ') ? promptOf(l.slice(7).trim()) : null)).find((p) => p !== null) ?? null;
    const type = typeLine ? typeLine[1]!.replace('def_', '') : null;
    const depends = body.filter((l) => l.startsWith('depends on ')).map((l) => l.slice('depends on '.length).replace(/\s+/g, ' ').trim());
    return { path: path!, type, prompt, depends };
  });
  const chosen = defs.find((d) => d.prompt !== null) ?? defs[0];
  return { type: defs.find((d) => d.type !== null)?.type ?? null, prompt: chosen?.prompt ?? null, depends_on: chosen?.depends ?? [], kconfig: chosen?.path ?? null };
}

/** The defconfig files with an exact `CONFIG_X=y` or `=m` line for any of the symbols. */
function defconfigFiles(repo: string, rev: string, symbols: string[]): string[] {
  const out = run(repo, ['grep', '-l', '-E', `^(${symbols.join('|')})=(y|m)$`, rev, '--', ':(glob)arch/*/configs/*defconfig']) ?? '';
  return out.split('\n').filter(Boolean);
}

const anyDefconfig = (repo: string, rev: string): boolean => (run(repo, ['ls-tree', '-r', '--name-only', rev, '--', 'arch']) ?? '').split('\n').some((p) => /^arch\/[^/]+\/configs\/[^/]*defconfig$/.test(p));

export function oracleBuild(repo: string, rev: string, path: string): OracleBuild {
  const has = anyDefconfig(repo, rev);
  const at = path === '.' ? '' : path;
  // A path the revision's tree does not hold (deleted) has none.
  if (at !== '' && typeOf(repo, rev, at) === null) return { build_switches: [], defconfigs: null };
  const g = at === '' ? null : gate(repo, rev, at);
  const switches: OracleSwitch[] = [];
  const entry = (symbol: string, from: 'parent' | 'own', mk: string): OracleSwitch => ({
    symbol,
    from,
    makefile: mk,
    ...kconfig(repo, rev, symbol),
    defconfigs: has ? defconfigFiles(repo, rev, [symbol]).length : null,
  });
  for (const s of g?.symbols ?? []) switches.push(entry(s, 'parent', g!.makefile));
  const own = at === '' || typeOf(repo, rev, at) === 'tree' ? makefile(repo, rev, at) : null;
  for (const l of own?.lines ?? []) {
    if (l.symbol === null || !l.targets.some((t) => t.endsWith('.o') || t.endsWith('/'))) continue;
    if (!switches.some((s) => s.symbol === l.symbol)) switches.push(entry(l.symbol, 'own', own!.path));
  }
  return { build_switches: switches, defconfigs: g && has ? defconfigFiles(repo, rev, g.symbols).length : null };
}
