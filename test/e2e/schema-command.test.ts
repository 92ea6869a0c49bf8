// `kstat schema NAME` prints a published schema; the report's own modules never load a schema library.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { SCHEMA_FILES, SCHEMA_NAMES } from '../../src/schema/files.js';
import { expectFailure, kstat, kstatJson } from '../helpers/cli.js';
import { figures } from '../helpers/figures.js';
import { oracleSignals } from '../helpers/oracle.js';
import { fixtureRepo, removeTempDirs, tempDir } from '../helpers/repos.js';
import { SCHEMA_DIR } from '../helpers/schema.js';

afterAll(removeTempDirs);

describe('kstat schema', () => {
  // No repository needed: a schema is the package's, not a clone's.
  const cwd = tempDir();

  it.each(SCHEMA_NAMES)('kstat schema %s prints schema/FILE as shipped, exit 0', (name) => {
    const r = kstat(['schema', name], { cwd });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(readFileSync(new URL(SCHEMA_FILES[name], SCHEMA_DIR), 'utf8'));
    expect(JSON.parse(r.stdout)).toHaveProperty('$schema', 'https://json-schema.org/draft/2020-12/schema');
  });

  it('an unknown name is a usage error that lists the names', () => {
    expectFailure(kstat(['schema', 'report'], { cwd }), 2, `kstat: unknown schema "report" (give one of: ${SCHEMA_NAMES.join(', ')})\n`);
  });

  it('no name is a usage error', () => {
    expectFailure(kstat(['schema'], { cwd }), 2, /^kstat: missing required argument 'name' \(see kstat --help\)\n$/);
  });

  it('a directory named schema is ./schema or :/schema: the bare word is the command', () => {
    const author = { name: 'A', email: 'a@example.org' };
    const repo = fixtureRepo({
      name: 'schema-dir',
      description: 'a top-level directory named like the subcommand',
      head: 'main',
      commits: [{ branch: 'main', author, authorDate: '2025-01-01T00:00:00Z', message: 'add', ops: [{ op: 'write', path: 'schema/a.json', content: '{}\n' }] }],
    });
    for (const path of ['./schema', ':/schema']) {
      const r = kstatJson([path], { cwd: repo });
      expect(r.path).toBe('schema');
      expect(figures(r)).toEqual(oracleSignals({ repo, rev: 'HEAD', path: 'schema', since: Date.parse(r.window.since) / 1000, until: Date.parse(r.window.until) / 1000 }));
    }
    expectFailure(kstat(['schema'], { cwd: repo }), 2, /^kstat: missing required argument 'name' \(see kstat --help\)\n$/);
  });

  it('--help names the command', () => {
    expect(kstat(['--help'], { cwd }).stdout).toMatch(/^ {2}kstat schema signals +\S/m);
  });
});

describe('the package', () => {
  it("exports the zod source as kstat/schema, and the files as kstat/schema/FILE", async () => {
    const root = new URL('../../', import.meta.url);
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { exports: Record<string, { default: string } | string>; files: string[] };
    const entry = pkg.exports['./schema'] as { default: string };
    const lib = (await import(new URL(entry.default, root).href)) as typeof import('../../src/schema/index.js');
    for (const name of lib.SCHEMA_NAMES) expect(lib.jsonSchemaText(name)).toBe(readFileSync(new URL(SCHEMA_FILES[name], SCHEMA_DIR), 'utf8'));
    expect(pkg.exports['./schema/*.json']).toBe('./schema/*.json');
    expect(pkg.files).toContain('schema');
  });
});

describe("the report's start-up", () => {
  /** Every module the built CLI can load, from cli.js through static and dynamic relative imports, and the packages they name. */
  function loadable(): { modules: string[]; packages: Set<string> } {
    const modules: string[] = [];
    const packages = new Set<string>();
    const visit = (url: URL): void => {
      if (modules.includes(url.href)) return;
      modules.push(url.href);
      const text = readFileSync(url, 'utf8');
      for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        if (spec.startsWith('.')) visit(new URL(spec, url));
        else if (!spec.startsWith('node:')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    };
    visit(new URL('../../dist/src/cli.js', import.meta.url));
    return { modules, packages };
  }

  it('loads neither zod nor ajv: the report stays as quick to start as before, and kstat schema reads the shipped file', () => {
    const { modules, packages } = loadable();
    expect(modules.some((m) => m.endsWith('/dist/src/commands/schema.js'))).toBe(true);
    expect(packages).toContain('commander');
    expect(packages).not.toContain('zod');
    expect(packages).not.toContain('ajv');
  });
});
