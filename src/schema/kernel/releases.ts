// The report's releases fields (docs/signals.md "Releases"), spread into PathReport beside the history's.
import * as z from 'zod';
import { count } from '../primitives.js';

const tag = z.string().min(1);

export const ReleasesSchema = z
  .strictObject({
    considered: count.describe('The newest releases counted (--releases N, default 20; fewer when the history has fewer).'),
    changed: count.describe("Of those, the releases in which the path changed: its object id in the release's tree differs from the one in the release before (appearing and vanishing count; the oldest release has none before it)."),
    first: tag.nullable().describe("The oldest release whose tree holds the path, over all releases; null when none does."),
    last: tag.nullable().describe('The newest release in which the path changed, over all releases; null when it is in none.'),
    oldest: tag.describe('The oldest of the releases counted.'),
    newest: tag.describe('The newest release.'),
  })
  .meta({ id: 'Releases', description: 'The releases in which the path changed. Releases are the tags matching --release-tags whose commit the revision reaches, in git\'s version order.' });

export const releasesFields = {
  releases: ReleasesSchema.nullable().describe('The releases in which the path changed; null when the revision reaches no release tag.'),
} satisfies Record<string, z.ZodType>;
