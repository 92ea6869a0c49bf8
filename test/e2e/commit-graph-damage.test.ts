// A damaged commit-graph: git ignores it with an error and counts from the objects. kstat reads
// the graph's bytes itself, so it must check them: figures equal the oracle, the report warns,
// and no damaged byte makes the reader throw, hang or hand back a frontier it could not check.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hermeticGitEnv } from '../../fixtures/build.js';
import { EDGE_WINDOW, edgeCases } from '../../fixtures/recipes/edge-cases.js';
import { CommitGraph, MISSED_CHECK, windowFrontier, type GraphLayerFile } from '../../src/git/generation.js';
import type { PathReport } from '../../src/types.js';
import { kstat, parseJson } from '../helpers/cli.js';
import { figures } from '../helpers/figures.js';
import { oracleSignals, type OracleFigures as Signals } from '../helpers/oracle.js';
import { fixtureRepo, git, removeTempDirs } from '../helpers/repos.js';

afterAll(removeTempDirs);

const PATHS = ['drivers/edge', '.'];
const SINCE = Date.parse(EDGE_WINDOW.since) / 1000;
const UNTIL = Date.parse(EDGE_WINDOW.until) / 1000;
const WARNING = /^commit-graph unreadable \(.+\): walking all history without the early stop \(git commit-graph write --reachable repairs it\)$/;

let expected: Map<string, Signals>;
beforeAll(() => {
  const plain = fixtureRepo(edgeCases);
  expected = new Map(PATHS.map((path) => [path, oracleSignals({ repo: plain, rev: 'HEAD', path, since: SINCE, until: UNTIL })]));
});

/** kstat's reports for PATHS: exit 0, nothing on stderr, figures equal to the oracle's; returns each path's warnings. */
function checkedRun(dir: string): string[][] {
  const r = kstat(['--json', '--strategy', 'shared', '--', ...PATHS], { cwd: dir });
  expect([r.code, r.stderr]).toEqual([0, '']);
  const reports = parseJson<PathReport[]>(r.stdout);
  for (const report of reports) expect(figures(report)).toEqual(expected.get(report.path));
  return reports.map((report) => report.warnings);
}

const zero = (from: number, length: number) => (b: Buffer): Buffer => {
  const out = Buffer.from(b);
  out.fill(0, from, Math.min(out.length, from + length));
  return out;
};
/** Where a chunk starts, from the graph's own table of contents. */
const chunkAt = (b: Buffer, id: string): number => {
  for (let i = 0; i < b[6]!; i++) if (b.toString('latin1', 8 + i * 12, 12 + i * 12) === id) return Number(b.readBigUInt64BE(12 + i * 12));
  throw new Error(`no ${id} chunk`);
};

describe('a damaged commit-graph file', () => {
  let dir: string;
  let graphFile: string;
  let original: Buffer;
  beforeAll(() => {
    dir = fixtureRepo(edgeCases);
    git(dir, ['commit-graph', 'write', '--reachable']);
    graphFile = join(dir, '.git/objects/info/commit-graph');
    original = readFileSync(graphFile);
  });

  const damages: Array<[string, (b: Buffer) => Buffer]> = [
    ['empty', (b) => b.subarray(0, 0)],
    ['cut after its header', (b) => b.subarray(0, 8)],
    ['cut in half', (b) => b.subarray(0, b.length >> 1)],
    ['without its last byte', (b) => b.subarray(0, b.length - 1)],
    ['with its header zeroed', zero(0, 8)],
    ['with its table of contents zeroed', zero(8, 48)],
    ['with its fanout zeroed', (b) => zero(chunkAt(b, 'OIDF'), 1024)(b)],
  ];
  it.each(damages)('%s: figures equal the oracle, with a warning in JSON and in the text block', (_, damage) => {
    rmSync(graphFile, { force: true });
    writeFileSync(graphFile, damage(original));
    for (const warnings of checkedRun(dir)) expect(warnings).toEqual([expect.stringMatching(WARNING)]);
    const text = kstat(['drivers/edge'], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^warning: commit-graph unreadable \(/m);
  });

  it('rewritten by git, serves the early stop again without a warning', () => {
    rmSync(graphFile, { force: true });
    writeFileSync(graphFile, original.subarray(0, 100));
    git(dir, ['commit-graph', 'write', '--reachable']);
    for (const warnings of checkedRun(dir)) expect(warnings).toEqual([]);
  });
});

describe('a damaged split commit-graph', () => {
  const graphs = (dir: string) => join(dir, '.git/objects/info/commit-graphs');
  function splitRepo(): { dir: string; chain: string[] } {
    const dir = fixtureRepo(edgeCases);
    git(dir, ['commit-graph', 'write', '--split=no-merge', '--reachable']);
    const env = hermeticGitEnv({ GIT_AUTHOR_NAME: 'x', GIT_AUTHOR_EMAIL: 'x@x', GIT_COMMITTER_NAME: 'x', GIT_COMMITTER_EMAIL: 'x@x' });
    git(dir, ['branch', 'extra', execFileSync('git', ['commit-tree', '-m', 'extra', '-p', 'HEAD', 'HEAD^{tree}'], { cwd: dir, env, encoding: 'utf8' }).trim()]);
    git(dir, ['commit-graph', 'write', '--split=no-merge', '--reachable']);
    const chain = readFileSync(join(graphs(dir), 'commit-graph-chain'), 'latin1').split('\n').filter(Boolean);
    expect(chain.length).toBe(2);
    return { dir, chain };
  }

  const damages: Array<[string, (dir: string, chain: string[]) => void]> = [
    ['a layer missing', (dir, chain) => rmSync(join(graphs(dir), `graph-${chain[0]}.graph`))],
    ['its layers out of order in the chain', (dir, chain) => writeFileSync(join(graphs(dir), 'commit-graph-chain'), `${chain[1]}\n${chain[0]}\n`)],
    ['a chain line that is no hash', (dir, chain) => writeFileSync(join(graphs(dir), 'commit-graph-chain'), `${chain[0]}\nnot-a-hash\n`)],
    ['the top layer cut short', (dir, chain) => {
      const file = join(graphs(dir), `graph-${chain[1]}.graph`);
      const bytes = readFileSync(file);
      rmSync(file);
      writeFileSync(file, bytes.subarray(0, bytes.length - 30));
    }],
  ];
  it.each(damages)('%s: figures equal the oracle, with a warning', (_, damage) => {
    const { dir, chain } = splitRepo();
    damage(dir, chain);
    for (const warnings of checkedRun(dir)) expect(warnings).toEqual([expect.stringMatching(WARNING)]);
  });
});

describe('damaged bytes (fuzz)', () => {
  // Fixed seed: a failure is reproducible.
  const runs = (numRuns: number) => ({ seed: 0x6b73746174, numRuns });
  let layers: Buffer[][];
  let chains: Array<Array<string | null>>;
  let starts: Array<{ sha: string; date: number; parents: string[] }>;

  beforeAll(() => {
    const dir = fixtureRepo(edgeCases);
    const env = hermeticGitEnv({ GIT_AUTHOR_NAME: 'O', GIT_AUTHOR_EMAIL: 'o@x', GIT_COMMITTER_NAME: 'O', GIT_COMMITTER_EMAIL: 'o@x' });
    const g = (args: string[], date = '2026-04-21T00:00:00Z') => execFileSync('git', args, { cwd: dir, env: { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }, encoding: 'utf8' }).trim();
    // An octopus merge (the EDGE chunk), and a commit 128 years older than its parent (GDO2).
    for (const b of ['o1', 'o2', 'o3']) g(['branch', b, g(['commit-tree', '-m', b, '-p', 'main~3', 'main~3^{tree}'])]);
    g(['merge', '-q', '--no-edit', 'o1', 'o2', 'o3']);
    const future = g(['commit-tree', '-m', 'future', '-p', 'HEAD', 'HEAD^{tree}'], '2099-01-01T00:00:00Z');
    g(['branch', 'skewed', g(['commit-tree', '-m', 'past', '-p', future, 'HEAD^{tree}'], '1971-01-01T00:00:00Z')]);
    git(dir, ['commit-graph', 'write', '--reachable']);
    const single = readFileSync(join(dir, '.git/objects/info/commit-graph'));
    expect(single.includes('EDGE')).toBe(true);
    expect(single.includes('GDO2')).toBe(true);
    rmSync(join(dir, '.git/objects/info/commit-graph'));
    git(dir, ['commit-graph', 'write', '--split=no-merge', '--reachable']);
    git(dir, ['branch', '-f', 'top', g(['commit-tree', '-m', 'top', '-p', 'skewed', 'HEAD^{tree}'])]);
    git(dir, ['commit-graph', 'write', '--split=no-merge', '--reachable']);
    const chain = readFileSync(join(dir, '.git/objects/info/commit-graphs/commit-graph-chain'), 'latin1').split('\n').filter(Boolean);
    expect(chain.length).toBe(2);
    layers = [[single], chain.map((h) => readFileSync(join(dir, `.git/objects/info/commit-graphs/graph-${h}.graph`)))];
    chains = [[null], chain];
    starts = ['main', 'skewed', 'o2', 'top'].map((ref) => {
      const [sha, date, ...parents] = git(dir, ['log', '-1', '--format=%H %ct %P', ref]).trim().split(' ');
      return { sha: sha!, date: Number(date), parents };
    });
  });

  const asFiles = (k: number, bytes: Buffer[]): GraphLayerFile[] =>
    bytes.map((b, i) => ({ name: `layer ${i}`, hash: chains[k]![i]!, file: { size: b.length, read: (at, length) => Buffer.from(b.subarray(at, at + length)) } }));
  const SINCES = [SINCE, Date.parse('2025-06-15T00:00:00Z') / 1000, Date.parse('1990-01-01T00:00:00Z') / 1000];

  /** The frontiers of every start and window, checked for shape; the loader's and walk's damage never a missed check. */
  function frontiers(files: GraphLayerFile[]): { damage: string | null; found: Array<string[] | null> } {
    const loaded = CommitGraph.parse(files);
    expect(loaded.damage).not.toBe(MISSED_CHECK);
    if (!loaded.graph) return { damage: loaded.damage, found: [] };
    const found: Array<string[] | null> = [];
    for (const s of starts) {
      for (const since of SINCES) {
        const r = windowFrontier(loaded.graph, s.sha, since, { date: s.date, parents: s.parents });
        expect(r.damage).not.toBe(MISSED_CHECK);
        if (r.frontier) for (const f of r.frontier) expect(f).toMatch(/^[0-9a-f]{40}$/);
        found.push(r.frontier);
      }
    }
    return { damage: null, found };
  }

  it('intact graphs give the same frontiers, single or split', () => {
    const single = frontiers(asFiles(0, layers[0]!));
    expect(single.damage).toBeNull();
    expect(single.found.filter(Boolean).length).toBeGreaterThan(0);
    // The split graph holds one more commit; the frontiers of the others are the same.
    expect(frontiers(asFiles(1, layers[1]!)).found.slice(0, 3 * SINCES.length)).toEqual(single.found.slice(0, 3 * SINCES.length));
  });

  it('an entry for the start that disagrees with the commit object: damage, not a frontier that drops the window', () => {
    const intact = CommitGraph.parse(asFiles(0, layers[0]!)).graph!;
    const main = starts[0]!;
    const pos = intact.find(main.sha);
    const b = Buffer.from(layers[0]![0]!);
    // The low 32 bits of its committer date in CDAT, set to 1970: the graph now proves it older than any window.
    b.writeUInt32BE(0, chunkAt(b, 'CDAT') + pos * 36 + 32);
    const damaged = CommitGraph.parse(asFiles(0, [b])).graph!;
    expect(windowFrontier(damaged, main.sha, SINCE).frontier).toEqual([main.sha]);
    expect(windowFrontier(damaged, main.sha, SINCE, main)).toEqual({ frontier: null, damage: `its entry for ${main.sha} disagrees with the commit` });
  });

  const graph = fc.record({ k: fc.integer({ min: 0, max: 1 }), layer: fc.nat() });

  it('cut at any point: damage, never a graph', () => {
    fc.assert(
      fc.property(graph, fc.nat(), ({ k, layer }, cut) => {
        const bytes = [...layers[k]!];
        const i = layer % bytes.length;
        bytes[i] = bytes[i]!.subarray(0, cut % bytes[i]!.length);
        const { damage } = frontiers(asFiles(k, bytes));
        expect(damage).toEqual(expect.any(String));
      }),
      runs(300),
    );
  });

  it('bytes overwritten or zeroed anywhere: a checked frontier, none, or damage; never a throw', () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0, 0x70, 0x7f, 0x80, 0xff)) }),
      fc.record({ kind: fc.constant('zero' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 2048 }) }),
    );
    fc.assert(
      fc.property(graph, fc.array(edit, { minLength: 1, maxLength: 6 }), ({ k, layer }, edits) => {
        const bytes = [...layers[k]!];
        const i = layer % bytes.length;
        const b = Buffer.from(bytes[i]!);
        for (const e of edits) {
          // Mostly the header, table of contents, fanout and commit data, where a byte means most.
          const at = e.at % (e.at % 2 === 0 ? Math.min(b.length, 2048) : b.length);
          if (e.kind === 'set') b[at] = e.byte;
          else b.fill(0, at, Math.min(b.length, at + e.length));
        }
        bytes[i] = b;
        frontiers(asFiles(k, bytes));
      }),
      runs(1500),
    );
  });
});
