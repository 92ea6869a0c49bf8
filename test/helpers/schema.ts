// Validates what kstat prints against the schema it ships (schema/), with ajv: an independent
// validator reading the published file, not the zod source it was generated from.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { SCHEMA_FILES, type SchemaName } from '../../src/schema/files.js';

export const SCHEMA_DIR = new URL('../../schema/', import.meta.url);

export function shippedSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(SCHEMA_FILES[name], SCHEMA_DIR), 'utf8')) as Record<string, unknown>;
}

let ajv: Ajv2020 | undefined;

/** A validator for the shipped schema NAME, or for one of its definitions (`#/$defs/PathResult`). */
export function validator(name: SchemaName, pointer = ''): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, strict: true });
    for (const n of Object.keys(SCHEMA_FILES) as SchemaName[]) ajv.addSchema(shippedSchema(n));
  }
  const id = shippedSchema(name).$id as string;
  const v = ajv.getSchema(`${id}${pointer}`);
  if (!v) throw new Error(`no schema ${id}${pointer}`);
  return v;
}

/** Throws, with ajv's errors, unless `value` is valid against the shipped schema NAME (or its definition at `pointer`). */
export function assertValid(value: unknown, name: SchemaName, pointer = ''): void {
  const v = validator(name, pointer);
  if (!v(value)) {
    const where = pointer ? `${SCHEMA_FILES[name]}${pointer}` : SCHEMA_FILES[name];
    throw new Error(`kstat's output does not match ${where}:\n${JSON.stringify(v.errors, null, 2)}\n${JSON.stringify(value).slice(0, 2000)}`);
  }
}

/** The errors a value gets against the shipped schema, or null when it is valid. */
export function schemaErrors(value: unknown, name: SchemaName, pointer = ''): string[] | null {
  const v = validator(name, pointer);
  return v(value) ? null : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
