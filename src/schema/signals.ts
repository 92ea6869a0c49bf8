// kstat.signals/1, what --json and --ndjson print (docs/signals.md "JSON"): the one source of
// both the TypeScript types (src/types.ts infers them) and schema/kstat.signals-1.schema.json.
// Loaded only by the schema generator, tests and library users: the CLI's report imports types.
import * as z from 'zod';
import { SCHEMA } from '../types.js';
import { buildFields } from './kernel/build.js';
import { maintainersFields } from './kernel/maintainers.js';
import { releasesFields } from './kernel/releases.js';
import { reviewFields } from './kernel/review.js';
import { count, instant, sha } from './primitives.js';

export { count };

/** A window bound: as given, so it keeps a fraction of a second it was given with. */
const bound = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/);
const month = z.string().regex(/^\d{4}-\d{2}$/);
const schemaName = z.literal(SCHEMA).describe('The schema of this object, and its version.');
const path = z.string().describe('The path, from the top of the repository (`.` is the whole tree).');

export const MonthFiguresSchema = z
  .strictObject({
    month: month.describe('The calendar month (UTC, by committer date), `YYYY-MM`.'),
    commits: count,
    added: count,
    removed: count,
    substantive: count.describe('Those commits that are substantive work on the path, not sweeps.'),
  })
  .meta({ id: 'MonthFigures', description: "One month of the window: its commits and lines added and removed under the path." });

export const CommitRefSchema = z
  .strictObject({
    sha,
    date: instant.describe('Committer date.'),
    subject: z.string(),
  })
  .meta({ id: 'CommitRef', description: 'A commit: its id, committer date and subject.' });

export const RevisionInfoSchema = z
  .strictObject({
    name: z.string().describe('The revision as given (`HEAD` by default).'),
    sha,
    date: instant.describe("The revision's committer date."),
  })
  .meta({ id: 'RevisionInfo', description: 'The revision whose history and tree the figures describe.' });

export const MailmapInfoSchema = z
  .strictObject({
    sources: z.array(z.string()).describe("Where git reads the mailmap from in this repository, in git's order (`.mailmap`, `blob:HEAD:.mailmap`, `file:…`); empty when there is none."),
  })
  .meta({ id: 'MailmapInfo', description: 'The mailmap that maps authors.' });

const date = instant.describe('Committer date.');
const share = z.number().min(0).max(1).describe("Their commits out of the path's commits in the window.");

/** The work of one author, or of one e-mail domain (`who`), on the path in the window. */
const workOf = (who: string) => ({
  commits: count,
  added: count,
  removed: count,
  share,
  first: date.describe(`Committer date of the ${who}'s oldest commit in the window.`),
  last: date.describe(`Committer date of the ${who}'s newest commit in the window.`),
  substantive_commits: count,
});

export const AuthorFiguresSchema = z
  .strictObject({
    name: z.string().describe("Mailmapped name, as on the author's newest commit in the window."),
    email: z.string().describe('Mailmapped e-mail, as on that commit.'),
    ...workOf('author'),
  })
  .meta({ id: 'AuthorFigures', description: "One author's work on the path in the window." });

export const DomainFiguresSchema = z
  .strictObject({
    domain: z.string().describe('The e-mail domain (after the last `@`, lower-cased): an organisation proxy. Empty for an address without one.'),
    authors: count.describe('Distinct authors with that domain.'),
    ...workOf('domain'),
  })
  .meta({ id: 'DomainFigures', description: "One e-mail domain's work on the path in the window." });

export const SweepRuleSchema = z
  .strictObject({
    dirs: z.int().min(1).describe('K: a commit that changes files in at least this many other directories at the path\'s depth is a sweep (--sweep-dirs).'),
  })
  .meta({ id: 'SweepRule', description: 'The rule that told sweeps from substantive work (docs/signals.md "Substantive work"); a subject starting with `treewide:` is a sweep too.' });

/** The figures of one path (docs/signals.md "Signals"). */
const signals = {
  files: count.describe("Regular files under the path in the revision's tree."),
  lines: count.describe('Lines of those files that are text.'),
  commits: count.describe('Non-merge commits in the window that change a file under the path.'),
  added: count.describe('Lines added by those commits under the path (numstat, renames inside the path detected).'),
  removed: count.describe('Lines removed by those commits under the path.'),
  authors: count.describe('Distinct authors of those commits, after the mailmap.'),
  active_months: count.describe('Months of `monthly` with at least one commit.'),
  monthly: z.array(MonthFiguresSchema).describe("One entry per calendar month of the window, from since's month to until's, zeros included."),
  last_commit: CommitRefSchema.nullable().describe('The newest commit touching the path, in or out of the window; null if none.'),
};

export const SignalsSchema = z.strictObject(signals);

/** Substantive work and who does it (docs/signals.md "Substantive work", "Who"). */
const work = {
  sweep_rule: SweepRuleSchema,
  substantive_commits: count.describe("Commits that are the path's own work: not sweeps."),
  sweep_commits: count.describe('Commits that are sweeps for the path; with substantive_commits they add up to commits.'),
  substantive_added: count.describe('Lines added under the path by substantive commits.'),
  substantive_removed: count.describe('Lines removed under the path by substantive commits.'),
  substantive_authors: count.describe('Distinct authors of substantive commits.'),
  substantive_active_months: count.describe('Months with at least one substantive commit.'),
  last_substantive_commit: CommitRefSchema.nullable().describe('The newest substantive commit in the window; null if none.'),
  top_authors: z.array(AuthorFiguresSchema).describe('The authors with the most commits (--authors N), most first.'),
  top_domains: z.array(DomainFiguresSchema).describe('The e-mail domains with the most commits (--authors N), most first.'),
  absence_factor: count.describe("The fewest authors behind more than half of the window's commits (CHAOSS contributor absence factor); 0 without commits."),
  substantive_absence_factor: count.describe('The same over substantive commits.'),
  elephant_factor: count.describe("The fewest e-mail domains behind more than half of the window's commits (CHAOSS elephant factor); 0 without commits."),
  substantive_elephant_factor: count.describe('The same over substantive commits.'),
};

export const WorkSchema = z.strictObject(work);

export const WindowSchema = z
  .strictObject({
    since: bound.describe('Window start, inclusive.'),
    until: bound.describe('Window end, inclusive.'),
    months: count.describe('Calendar months the window touches: the length of `monthly`.'),
    label: z.string().describe('`5y` for `--years 5`; the window itself with `--since`.'),
  })
  .describe('The window the history figures count.');

export const PathReportSchema = z
  .strictObject({
    schema: schemaName,
    path,
    revision: RevisionInfoSchema,
    window: WindowSchema,
    ...signals,
    ...work,
    ...maintainersFields,
    ...reviewFields,
    ...buildFields,
    ...releasesFields,
    mailmap: MailmapInfoSchema,
    warnings: z.array(z.string()).describe('Anything that makes the figures less than exact (a shallow clone, a path deleted from the tree).'),
    notes: z.array(z.string()).describe('What the figures could not draw on, without making them less than exact (no MAINTAINERS at the revision, no release tags).'),
  })
  .meta({ id: 'PathReport', description: "One path's figures." });

export const PathFailureSchema = z
  .strictObject({
    schema: schemaName,
    path,
    error: z.strictObject({
      code: z
        .string()
        .regex(/^[a-z]+(-[a-z]+)*$/)
        .describe('What went wrong, as a stable word: `not-found`, `usage`, `damaged`, `partial-clone`, `git-failed`, …'),
      message: z.string().describe('One line: the problem and the fix.'),
    }),
  })
  .meta({ id: 'PathFailure', description: 'A path whose figures could not be computed; it takes its place among the others.' });

export const PathResultSchema = z
  .union([PathReportSchema, PathFailureSchema])
  .meta({ id: 'PathResult', description: "One entry of a run's output: a path's report, or why it has none. Each line of --ndjson is one." });

/** What `--json` prints: one result for exactly one path, an array when the request could name several. */
export const SignalsOutputSchema = z.union([PathResultSchema, z.array(PathResultSchema)]);
