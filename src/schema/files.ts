// The published JSON Schemas, by the name `kstat schema NAME` takes: each is a file in the
// package's schema/ folder, generated from src/schema/ (`npm run schema`). No zod here: the CLI
// reads this list, and the report must not load the schema library.
export const SCHEMA_FILES = {
  signals: 'kstat.signals-1.schema.json',
  check: 'kstat.check-1.schema.json',
  config: 'kstat.config.schema.json',
} as const;

export type SchemaName = keyof typeof SCHEMA_FILES;

export const SCHEMA_NAMES = Object.keys(SCHEMA_FILES) as SchemaName[];

/** What each schema describes, for `kstat schema --help`. */
export const SCHEMA_ABOUT: Record<SchemaName, string> = {
  signals: 'what --json and --ndjson print',
  check: 'what kstat check --json prints',
  config: 'kstat.config.json, the rules of kstat check',
};
