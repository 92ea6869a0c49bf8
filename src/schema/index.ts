// The published JSON Schemas, generated from the zod schemas the TypeScript types are inferred
// from, so types and schemas cannot drift. `kstat.check/1` and the config file join as one entry
// each here and in files.ts.
import * as z from 'zod';
import { SCHEMA_FILES, type SchemaName } from './files.js';
import { RULES } from '../check/specs.js';
import { CheckReportSchema, configSchema } from './check.js';
import { SignalsOutputSchema } from './signals.js';

export * from './signals.js';
export * from './check.js';
export { SCHEMA_FILES, SCHEMA_NAMES, type SchemaName } from './files.js';

interface Published {
  /** `urn:kstat:NAME:VERSION`: names the schema without claiming a web address kstat does not own. */
  $id: string;
  title: string;
  description: string;
  schema: z.ZodType;
}

const PUBLISHED: Record<SchemaName, Published> = {
  signals: {
    $id: 'urn:kstat:signals:1',
    title: 'kstat.signals/1',
    description:
      "What `kstat --json` prints: one path's result (an object) for exactly one path, an array of them when the request could name several; each line of `kstat --ndjson` is one result. A result is a PathReport, or a PathFailure for a path whose figures could not be computed.",
    schema: SignalsOutputSchema,
  },
  check: {
    $id: 'urn:kstat:check:1',
    title: 'kstat.check/1',
    description: 'What `kstat check --json` prints: the rules checked on every path, with the summary that decides the exit code.',
    schema: CheckReportSchema,
  },
  config: {
    $id: 'urn:kstat:config',
    title: 'kstat.config.json',
    description: 'The rules of `kstat check`: per path and glob, later entries overriding earlier ones, `extends` for shared presets.',
    schema: configSchema(RULES.map((r) => r.name)),
  },
};

/** The JSON Schema (draft 2020-12) published as NAME. */
export function jsonSchema(name: SchemaName): Record<string, unknown> {
  const { $id, title, description, schema } = PUBLISHED[name];
  const { $schema, ...body } = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'throw' });
  return { $schema, $id, title, description, ...body };
}

/** The text of schema/FILE: what `npm run schema` writes and `kstat schema NAME` prints. */
export function jsonSchemaText(name: SchemaName): string {
  return `${JSON.stringify(jsonSchema(name), null, 2)}\n`;
}

