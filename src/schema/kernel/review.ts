// The report's review fields (docs/signals.md "Review trailers"), spread into PathReport beside the history's.
import * as z from 'zod';
import { count } from '../primitives.js';

const share = z.number().min(0).max(1).nullable().describe('Those commits out of `commits`; null without commits.');

/** Commits with a trailer of one kind, and the distinct people those trailers name. */
const TrailerFiguresSchema = z
  .strictObject({
    commits: count.describe('Commits with at least one such trailer naming someone (a duplicate counts once).'),
    people: count.describe('Distinct people those trailers name, after the mailmap (e-mail compared without case).'),
  })
  .meta({ id: 'TrailerFigures', description: 'Commits carrying a trailer of one kind, and the distinct people it names.' });

/** Commits with some mark, and their share of the commits. */
const MarkedSchema = z
  .strictObject({
    commits: count,
    share,
  })
  .meta({ id: 'MarkedCommits', description: 'Commits with a mark (a `Fixes:` trailer, a Cc to stable, a revert subject) and their share.' });

export const ReviewFiguresSchema = z
  .strictObject({
    commits: count.describe('The commits these figures are over.'),
    reviewed_or_acked: MarkedSchema.describe('Commits with a `Reviewed-by:` or an `Acked-by:` trailer.'),
    signed_off_by: TrailerFiguresSchema.describe("`Signed-off-by:` other than the author's own (the same person after the mailmap): who handled the patch on its way in."),
    reviewed_by: TrailerFiguresSchema.describe('`Reviewed-by:`.'),
    acked_by: TrailerFiguresSchema.describe('`Acked-by:`.'),
    tested_by: TrailerFiguresSchema.describe('`Tested-by:`.'),
    reported_by: TrailerFiguresSchema.describe('`Reported-by:`.'),
    co_developed_by: TrailerFiguresSchema.describe('`Co-developed-by:`.'),
    fixes: MarkedSchema.describe('Commits with a `Fixes:` trailer.'),
    stable: MarkedSchema.describe('Commits with a `Cc:` trailer to stable@vger.kernel.org or stable@kernel.org (any case, with or without a name or a `# 5.10` comment).'),
    reverts: MarkedSchema.describe('Commits whose subject starts with `Revert "` (git revert\'s form; `Reapply "` is not a revert).'),
  })
  .meta({ id: 'ReviewFigures', description: "The review trailers of a set of the path's commits in the window (docs/signals.md \"Review trailers\")." });

export const reviewFields = {
  review: z
    .strictObject({
      all: ReviewFiguresSchema.describe("Over the window's commits."),
      substantive: ReviewFiguresSchema.describe('Over its substantive commits (not sweeps).'),
    })
    .describe("The trailers of the path's commits in the window, as git parses them (keys without regard to case)."),
  maintainer_coverage: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe("The share of the window's commits with a `Signed-off-by:`, `Reviewed-by:` or `Acked-by:` from a maintainer or reviewer (`M:`, `R:`) of a MAINTAINERS section covering the path, or committed by one; null without commits or without MAINTAINERS."),
} satisfies Record<string, z.ZodType>;
