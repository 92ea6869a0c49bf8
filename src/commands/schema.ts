// `kstat schema NAME`: prints a published JSON Schema. It reads the file the package ships
// (schema/), so neither it nor the report loads the schema library that generated it.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { EXIT, UsageError } from '../errors.js';
import type { Io } from './io.js';
import { packageFile } from '../package-files.js';
import { SCHEMA_ABOUT, SCHEMA_FILES, SCHEMA_NAMES, type SchemaName } from '../schema/files.js';

export const SCHEMA_COMMAND_DESCRIPTION = `print the JSON Schema NAME: ${SCHEMA_NAMES.map((n) => `${n} (${SCHEMA_ABOUT[n]})`).join(', ')}`;

export function schemaCommand(root: Command, io: Io, done: (code: number) => void): Command {
  return root
    .command('schema')
    .description(SCHEMA_COMMAND_DESCRIPTION)
    .argument('<name>', 'which schema')
    .action((name: string) => {
      io.out(schemaText(name));
      done(EXIT.ok);
    });
}

/** The text of the schema NAME, as shipped. */
export function schemaText(name: string): string {
  if (!(SCHEMA_NAMES as string[]).includes(name)) {
    throw new UsageError(`unknown schema ${JSON.stringify(name)} (give one of: ${SCHEMA_NAMES.join(', ')})`);
  }
  return readFileSync(packageFile('schema', SCHEMA_FILES[name as SchemaName]), 'utf8');
}
