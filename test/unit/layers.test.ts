// Layers import downward only: a module never imports from a layer above it (README "Development").
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../src/', import.meta.url).pathname;

/** The layers, lowest first: text < kernel, git < store < signals < analyze < check < render < commands (schema beside check). */
const ABOVE: Record<string, string[]> = {
  text: ['kernel', 'git', 'store', 'signals', 'analyze', 'check', 'schema', 'render', 'commands'],
  kernel: ['git', 'store', 'signals', 'analyze', 'check', 'schema', 'render', 'commands'],
  git: ['text', 'kernel', 'store', 'signals', 'analyze', 'check', 'schema', 'render', 'commands'],
  store: ['signals', 'analyze', 'check', 'schema', 'render', 'commands'],
  signals: ['analyze', 'check', 'render', 'commands'],
  analyze: ['check', 'schema', 'render', 'commands'],
  check: ['render', 'commands'],
  schema: ['render', 'commands'],
  render: ['commands'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('layers', () => {
  it.each(Object.keys(ABOVE))('%s/ imports nothing from a layer above it', (layer) => {
    const wrong: string[] = [];
    for (const file of files(join(SRC, layer))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"](\.[^'"]+)['"]/gm)) {
        const target = relative(SRC, join(file, '..', m[1]!)).split('/')[0]!;
        if (ABOVE[layer]!.includes(target)) wrong.push(`${relative(SRC, file)} → ${m[1]}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
