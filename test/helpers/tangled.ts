// A history made to test git's order and reachability where dates lie: a main line and topic
// branches forked from old commits and merged back, many commits sharing a second (git breaks
// such ties by when it met them) and some dated days before their parents. Built with git
// fast-import from a seeded generator: the same seed, the same repository.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hermeticGitEnv } from '../../fixtures/git-env.js';
import { tempDir } from './repos.js';

/** The repository (topic refs `refs/heads/tN`, merged into main or not), and main's commits, oldest first. */
export function tangledHistory(seed: number): { repo: string; main: string[] } {
  let state = seed;
  const random = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const lines: string[] = [];
  const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}`;
  let mark = 0;
  let time = 1_700_000_000;
  const dated = new Map<number, number>();
  const commit = (ref: string, parents: number[]): number => {
    const m = ++mark;
    // A tie with the last commit made, a clock days slow, or a minute on.
    const r = random();
    const base = Math.max(...parents.map((p) => dated.get(p)!), time);
    time = r < 0.4 ? time : r < 0.5 ? base - 3 * 86_400 : base + 60;
    dated.set(m, time);
    lines.push(`commit ${ref}`, `mark :${m}`, `author A <a@example.org> ${time} +0000`, `committer C <c@example.org> ${time} +0000`, data(`c${m}`));
    if (parents[0] !== undefined) lines.push(`from :${parents[0]}`);
    for (const p of parents.slice(1)) lines.push(`merge :${p}`);
    lines.push(`M 100644 inline f${m % 7}`, data(`${m}`), '');
    return m;
  };
  const main = [commit('refs/heads/main', [])];
  const topics = new Map<string, number>();
  for (let step = 0; step < 240; step++) {
    const r = random();
    if (r < 0.08 || topics.size === 0) topics.set(`refs/heads/t${step}`, commit(`refs/heads/t${step}`, [pick(main.slice(-40))]));
    else if (r < 0.35) {
      const name = pick([...topics.keys()]);
      topics.set(name, commit(name, [topics.get(name)!]));
    } else if (r < 0.45) {
      const name = pick([...topics.keys()]);
      main.push(commit('refs/heads/main', [main.at(-1)!, topics.get(name)!]));
      topics.delete(name);
    } else main.push(commit('refs/heads/main', [main.at(-1)!]));
  }
  const repo = join(tempDir('kstat-tangled-'), 'repo');
  execFileSync('git', ['init', '-q', '-b', 'main', repo], { env: hermeticGitEnv() });
  const marks = join(repo, '.git', 'marks');
  execFileSync('git', ['fast-import', '--quiet', `--export-marks=${marks}`], { cwd: repo, env: hermeticGitEnv(), input: lines.join('\n') });
  const shas = new Map(readFileSync(marks, 'utf8').trim().split('\n').map((l) => l.split(' ') as [string, string]));
  return { repo, main: main.map((m) => shas.get(`:${m}`)!) };
}

