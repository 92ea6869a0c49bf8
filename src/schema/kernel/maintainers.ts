// The report's maintainers fields (docs/signals.md "MAINTAINERS", "Maintainers' liveness"),
// spread into PathReport beside the history's.
import * as z from 'zod';
import { instant, sha } from '../primitives.js';
import { STATUSES } from '../../kernel/maintainers.js';


const status = z.enum(STATUSES);

export const LastSeenSchema = z
  .strictObject({
    date: instant.describe('Committer date of the commit.'),
    sha,
    as: z.enum(['author', 'committer', 'trailer']).describe("How the commit names the person: its author, its committer, or a `*-by:` trailer (the first that applies, in that order)."),
  })
  .meta({ id: 'LastSeen', description: "The newest commit on a section's files (its `F:` less its `X:`, up to the window's end) that names a person, in or out of the window." });

export const PersonSchema = z
  .strictObject({
    name: z.string().describe('The name as MAINTAINERS writes it.'),
    email: z.string().describe("The e-mail as MAINTAINERS writes it (empty when the line has none). People are compared by e-mail, lower-cased, after the repository's mailmap."),
    last_seen: LastSeenSchema.nullable().describe("When the person was last seen on the section's files; null when no commit up to the window's end names them."),
  })
  .meta({ id: 'Person', description: 'An `M:` or `R:` line of a section.' });

export const SectionSchema = z
  .strictObject({
    name: z.string().describe("The section's name line."),
    status: status.nullable().describe('Its `S:` line read leniently (`Orphaned (Since 2017-01)` is Orphan, `odd fixes` Odd Fixes); null without one, or one naming no known status.'),
    status_text: z.string().nullable().describe('Its `S:` line as written; null without one.'),
    matched: z.string().describe('The `F:` or `N:` value, as written, by which the section covers the path (the last of its lines that matches, which sets its rank).'),
    maintainers: z.array(PersonSchema).describe('Its `M:` lines, in order.'),
    reviewers: z.array(PersonSchema).describe('Its `R:` lines, in order.'),
    lists: z.array(z.string()).describe('Its `L:` lines, as written.'),
    trees: z.array(z.string()).describe('Its `T:` lines, as written.'),
    last_commit_date: instant.nullable().describe("Committer date of the newest commit on the section's files up to the window's end; null when there is none."),
    silent: z
      .boolean()
      .describe("Commits arrived on the section's files in the 12 months before the window's end, and none of them named any of its `M:` or `R:` people."),
  })
  .meta({ id: 'Section', description: 'A MAINTAINERS section that covers the path.' });

export const maintainersFields = {
  section: z.string().nullable().describe("The most specific MAINTAINERS section covering the path (the first of `sections`); null when none covers it or there is no MAINTAINERS."),
  status: status.nullable().describe("That section's status, normalised; null without a section or without a known status."),
  sections: z.array(SectionSchema).describe("Every MAINTAINERS section covering the path, as scripts/get_maintainer.pl matches and orders them, most specific first; read from the revision's MAINTAINERS."),
} satisfies Record<string, z.ZodType>;
