// kstat.check/1, what `kstat check --json` prints (docs/ci.md), and the kstat.config.json file:
// the source of the check's TypeScript types and of their published JSON Schemas.
import * as z from 'zod';
import { count, RevisionInfoSchema, WindowSchema } from './signals.js';

const severity = z.enum(['error', 'warning']);
/** `require-status`'s statuses: a list, or one string with commas. */
const statuses = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

export const FindingSchema = z
  .strictObject({
    rule: z.string().describe('The rule, as its flag and config key are named: `min-commits`.'),
    bound: z.enum(['min', 'max', 'in']).describe('`min`: the figure must be at least the limit; `max`: at most; `in`: one of the limit\'s values (`require-status`).'),
    label: z.string().describe("The figure's words: `commits`, `idle months`."),
    severity,
    figure: z.union([count, z.string()]).nullable().describe("The path's figure (a status for `require-status`); null where it has none (idle months of a path without commits, the status of a path no MAINTAINERS section covers), which breaks the rule."),
    limit: z.union([count, z.array(z.string())]).describe('The bound; for `require-status` the statuses that pass.'),
    holds: z.boolean(),
    reason: z.string().optional().describe("A preset's broken rule in words: `MAINTAINERS status Orphan (FOO DRIVER)`, `no substantive commit in 41 months (last 2022-06-01)`."),
  })
  .meta({ id: 'Finding', description: 'One rule checked on one path.' });

export const PathVerdictSchema = z
  .strictObject({
    path: z.string().describe('The path, from the top of the repository.'),
    status: z.enum(['pass', 'warn', 'fail', 'error']).describe('`pass`: every rule holds; `warn`: a warning rule broken; `fail`: an error rule broken; `error`: the figures could not be computed.'),
    findings: z.array(FindingSchema),
    section: z.string().nullable().optional().describe("With --preset: the path's most specific MAINTAINERS section, which a candidate list names."),
    error: z.strictObject({ code: z.string(), message: z.string() }).optional().describe('Why the figures could not be computed (status `error`).'),
  })
  .meta({ id: 'PathVerdict', description: "One path's rules and how they fared." });

export const CheckSummarySchema = z
  .strictObject({ paths: count, passed: count, warned: count, failed: count, errors: count })
  .meta({ id: 'CheckSummary', description: 'How many paths passed, warned, failed, or could not be read.' });

export const CheckReportSchema = z
  .strictObject({
    schema: z.literal('kstat.check/1').describe('The schema of this object, and its version.'),
    revision: RevisionInfoSchema.nullable(),
    window: WindowSchema.nullable(),
    config: z.string().nullable().describe('The config file read, if any.'),
    preset: z.enum(['deprecation']).nullable().describe('The rules preset checked (`--preset`), if any: docs/signals.md "The deprecation preset".'),
    changed: z.strictObject({ base: z.string(), head: z.string(), files: count }).nullable().describe('Pull-request mode: the change whose directories were checked.'),
    summary: CheckSummarySchema,
    paths: z.array(PathVerdictSchema),
  })
  .meta({ id: 'CheckReport', description: 'What `kstat check --json` prints: every path checked, with its findings.' });

/** kstat.config.json, with the rule keys the check knows (`min-commits`, `warn-min-commits`, …). */
export function configSchema(rules: readonly string[]): z.ZodType {
  const limits = Object.fromEntries(
    rules.flatMap((r) => [
      [r, count.optional().describe(`An error when the path breaks ${r}.`)],
      [`warn-${r}`, count.optional().describe(`A warning when the path breaks ${r}.`)],
    ]),
  );
  const entry = z
    .strictObject({
      paths: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional().describe('Globs (picomatch) the entry holds; every path when absent.'),
      severity: severity.optional().describe("The entry's rules' severity (default error); a `warn-` key is a warning whatever this says."),
      ...limits,
      'require-status': statuses.optional().describe('An error when the most specific MAINTAINERS section has none of these statuses (or there is none).'),
      'warn-require-status': statuses.optional().describe('A warning when it has none of these.'),
    })
    .meta({ id: 'ConfigEntry', description: 'Rules for the paths a glob names; a later entry overrides an earlier one, rule by rule.' });
  return z.strictObject({
    $schema: z.string().optional(),
    extends: z.union([z.string().min(1), z.array(z.string().min(1))]).optional().describe('Config files read first, relative to this one.'),
    rules: z.array(entry).optional(),
  });
}
