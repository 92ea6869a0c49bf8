// kstat's `files` and `lines` for one path of a revision's tree, as a process of its own so the
// benchmark can time it against `git archive REV | wc -l`.
//
//   node dist/bench/lines.js REPO [PATH] [REV]
import { execFileSync } from 'node:child_process';
import { treeFigures } from '../src/git/tree.js';
import { PathIndex } from '../src/signals/paths.js';

async function main(): Promise<void> {
  const [repo, path = '.', rev = 'HEAD'] = process.argv.slice(2);
  if (!repo) {
    process.stderr.write('usage: node dist/bench/lines.js REPO [PATH] [REV]\n');
    process.exit(2);
  }
  const sha = execFileSync('git', ['-C', repo, 'rev-parse', '--verify', `${rev}^{commit}`], { encoding: 'utf8' }).trim();
  // kstat runs git at the work tree's top, or in the git directory of a bare repository.
  const bare = execFileSync('git', ['-C', repo, 'rev-parse', '--is-bare-repository'], { encoding: 'utf8' }).trim() === 'true';
  const cwd = bare ? repo : execFileSync('git', ['-C', repo, 'rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
  const [figures] = await treeFigures({ cwd }, sha, [path], new PathIndex([path]));
  process.stdout.write(JSON.stringify({ path, sha, ...figures }) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`lines: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
