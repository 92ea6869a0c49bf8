// A synthetic Linux-like repository for the benchmark, written by ONE `git fast-import` whose
// stdin is streamed chunk by chunk (with backpressure), so memory stays bounded at any scale.
//
//   node dist/bench/generate.js --dir DIR [--scale 0.1] [--commits N] [--files N] [--years Y]
//                               [--seed S] [--head ISO] [--checkout] [--compression L]
//
// Deterministic: every choice comes from a seeded PRNG, dates from --head; no clock, no
// Math.random. File contents are a function of (file id, version): each version applies a few
// hunks (modify / insert / delete lines) chosen by hash(seed, id, version) to the previous one.
//
// The generator lives in bench/generate/: params (scale, cache name), random, words, layout (the
// kernel-like shape), tree, content (file bytes), people, clock, changes (what a commit touches),
// history (branches, merges, events), fast-import (the stream), repository (git and the files).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { paramsFor, type GenParams } from './generate/params.js';
import { generate } from './generate/repository.js';

function usage(msg: string): never {
  process.stderr.write(`generate: ${msg}\nusage: node dist/bench/generate.js --dir DIR [--scale F] [--commits N] [--files N] [--years Y] [--seed S] [--head ISO] [--checkout] [--compression L]\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  let dir: string | undefined;
  let scale = 1;
  const over: Partial<GenParams> = {};
  let checkout = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const val = (): string => argv[++i] ?? usage(`${a} needs a value`);
    const num = (): number => {
      const v = Number(val());
      if (!Number.isFinite(v) || v <= 0) usage(`${a} needs a positive number`);
      return v;
    };
    if (a === '--dir') dir = val();
    else if (a === '--scale') scale = num();
    else if (a === '--commits') over.commits = Math.round(num());
    else if (a === '--files') over.files = Math.round(num());
    else if (a === '--years') over.years = Math.round(num());
    else if (a === '--seed') over.seed = Math.round(num());
    else if (a === '--head') {
      const h = val();
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(h)) usage('--head needs YYYY-MM-DDTHH:MM:SSZ');
      over.head = h;
    } else if (a === '--compression') over.compression = Math.round(Number(val()));
    else if (a === '--checkout') checkout = true;
    else usage(`unknown argument ${a}`);
  }
  if (!dir) usage('--dir is required');
  const p = paramsFor(scale, over);
  if (p.commits < 200) usage('--commits must be at least 200');
  const stats = await generate({ ...p, dir, checkout });
  const ru = process.resourceUsage();
  process.stdout.write(
    JSON.stringify({ dir: resolve(dir), ...p, ...stats, generatorMaxRssMB: Math.round(ru.maxRSS / 1024), generatorCpuSeconds: Math.round((ru.userCPUTime + ru.systemCPUTime) / 1e5) / 10 }) + '\n',
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`generate: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
