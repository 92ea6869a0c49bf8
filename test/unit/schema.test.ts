import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemaText, PathResultSchema, SCHEMA_FILES, SCHEMA_NAMES } from '../../src/schema/index.js';
import { jsonFormat, parseJson, parseNdjson } from '../helpers/cli.js';
import { SCHEMA_DIR, schemaErrors } from '../helpers/schema.js';
import { sampleFailure, sampleReport } from '../helpers/report.js';

describe('published schemas', () => {
  it.each(SCHEMA_NAMES)('schema/ holds what `npm run schema` writes for %s', (name) => {
    expect(readFileSync(new URL(SCHEMA_FILES[name], SCHEMA_DIR), 'utf8')).toBe(jsonSchemaText(name));
  });

  it('schema/ holds one file per name, and nothing else', () => {
    expect(readdirSync(SCHEMA_DIR).sort()).toEqual(Object.values(SCHEMA_FILES).sort());
  });
});

describe('kstat.signals/1', () => {
  const report = sampleReport('drivers/x');
  const failure = sampleFailure('drivers/y');

  it('takes a report, a failure, and a list of them; an NDJSON line is one result', () => {
    expect(schemaErrors(report, 'signals')).toBeNull();
    expect(schemaErrors(failure, 'signals')).toBeNull();
    expect(schemaErrors([report, failure], 'signals')).toBeNull();
    expect(schemaErrors([], 'signals')).toBeNull();
    expect(schemaErrors({ ...report, last_commit: null }, 'signals')).toBeNull();
    expect(schemaErrors(report, 'signals', '#/$defs/PathResult')).toBeNull();
    expect(schemaErrors([report], 'signals', '#/$defs/PathResult')).not.toBeNull();
  });

  it('refuses a report with a key too many or one missing, at any depth', () => {
    expect(schemaErrors({ ...report, churn: 2 }, 'signals')).not.toBeNull();
    const { authors: _, ...noAuthors } = report;
    expect(schemaErrors(noAuthors, 'signals')).not.toBeNull();
    expect(schemaErrors({ ...report, window: { ...report.window, days: 3 } }, 'signals')).not.toBeNull();
    expect(schemaErrors({ ...report, monthly: [{ ...report.monthly[0]!, authors: 1 }] }, 'signals')).not.toBeNull();
    const { subject: __, ...noSubject } = report.last_commit!;
    expect(schemaErrors({ ...report, last_commit: noSubject }, 'signals')).not.toBeNull();
    expect(schemaErrors({ ...failure, error: { ...failure.error, stack: 'at x' } }, 'signals')).not.toBeNull();
    // A report with an error is neither a report nor a failure.
    expect(schemaErrors({ ...report, error: failure.error }, 'signals')).not.toBeNull();
  });

  it('refuses values out of their range: another schema, negative or fractional counts, local times, short SHAs', () => {
    expect(schemaErrors({ ...report, schema: 'kstat.signals/2' }, 'signals')).not.toBeNull();
    expect(schemaErrors({ ...report, commits: -1 }, 'signals')).not.toBeNull();
    expect(schemaErrors({ ...report, lines: 1.5 }, 'signals')).not.toBeNull();
    expect(schemaErrors({ ...report, revision: { ...report.revision, date: '2026-01-10T00:00:00+01:00' } }, 'signals')).not.toBeNull();
    expect(schemaErrors({ ...report, revision: { ...report.revision, sha: 'abc1234' } }, 'signals')).not.toBeNull();
    expect(schemaErrors({ ...report, revision: { ...report.revision, sha: 'a'.repeat(64) } }, 'signals')).toBeNull();
  });

  it('the zod source agrees with the shipped file on the samples', () => {
    expect(PathResultSchema.safeParse(report).success).toBe(true);
    expect(PathResultSchema.safeParse(failure).success).toBe(true);
    expect(PathResultSchema.safeParse({ ...report, churn: 2 }).success).toBe(false);
  });
});

describe('the CLI helpers check every JSON document against the shipped schema', () => {
  const report = sampleReport('drivers/x');
  const failure = sampleFailure('drivers/y');

  it('parseJson and parseNdjson return valid output and throw with ajv\'s errors on invalid output', () => {
    expect(parseJson(JSON.stringify([report, failure], null, 2))).toEqual([report, failure]);
    expect(parseNdjson(`${JSON.stringify(report)}\n${JSON.stringify(failure)}\n`)).toEqual([report, failure]);
    expect(() => parseJson(JSON.stringify({ ...report, churn: 2 }))).toThrow(/does not match kstat\.signals-1\.schema\.json:[^]*additionalProperties/);
    expect(() => parseNdjson(`${JSON.stringify(report)}\n${JSON.stringify([report])}\n`)).toThrow(/does not match kstat\.signals-1\.schema\.json#\/\$defs\/PathResult/);
  });

  it.each([
    [['--json', 'd'], 'json'],
    [['d', '--ndjson'], 'ndjson'],
    [['--format', 'json', 'd'], 'json'],
    [['--format=ndjson', 'd'], 'ndjson'],
    [['--format', 'csv', 'd'], undefined],
    [['d'], undefined],
    [['--', '--json'], undefined],
    [['--json', '--help'], undefined],
    [['schema', 'signals'], undefined],
  ])('kstat(%j) validates as %s', (args, format) => {
    expect(jsonFormat(args)).toBe(format);
  });
});
