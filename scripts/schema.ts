// `npm run schema`: writes the published JSON Schemas to schema/ from their zod source
// (src/schema/). test/unit/schema.test.ts fails when a committed file differs from this output.
import { writeFileSync } from 'node:fs';
import { jsonSchemaText, SCHEMA_FILES, SCHEMA_NAMES } from '../src/schema/index.js';

const dir = new URL('../../schema/', import.meta.url);
for (const name of SCHEMA_NAMES) {
  const file = new URL(SCHEMA_FILES[name], dir);
  writeFileSync(file, jsonSchemaText(name));
  process.stdout.write(`schema/${SCHEMA_FILES[name]}\n`);
}
