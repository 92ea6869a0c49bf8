import { describe, expect, it } from 'vitest';
import { identityKey, isStableCc, ReviewBook, ReviewTally } from '../../src/signals/review.js';

const input = (author: string, trailers: string, subject = 's', committer = author) => ({
  authorKey: identityKey('', author),
  committerKey: identityKey('', committer),
  trailers: Buffer.from(trailers, 'latin1'),
  subject: Buffer.from(subject, 'latin1'),
});

describe('isStableCc', () => {
  it.each([
    ['stable@vger.kernel.org', true],
    ['stable@vger.kernel.org # 5.10', true],
    ['stable@vger.kernel.org#v5.4+', true],
    ['<stable@kernel.org>', true],
    ['Stable Team <STABLE@Vger.Kernel.ORG> # v6.1+', true],
    ['stable-commits@vger.kernel.org', false],
    ['linux-kernel@vger.kernel.org', false],
    ['stable', false],
  ])('%s', (value, want) => expect(isStableCc(value)).toBe(want));
});

describe('ReviewTally', () => {
  const book = new ReviewBook();
  const tally = new ReviewTally(book);
  // Own sign-off only; a maintainer's sign-off and odd-case review, duplicated.
  tally.add(book.record(input('a@x', 'Signed-off-by: A <A@x>\n')), false);
  tally.add(book.record(input('a@x', 'Signed-off-by: A <a@x>\nreviewed-BY: R <r@x>\nReviewed-by: R <r@x>\nSigned-off-by: M <m@x>\nFixes: 123 ("x")\n', 's', 'm@x')), false);
  // A sweep: acked by R's old address (mapped below), Cc stable, a revert.
  tally.add(book.record(input('b@x', 'Acked-by: R <r@old>\nCc: stable@vger.kernel.org # 5.10\nTested-by: T <t@x>\n', 'Revert "x: y"')), true);
  // Reapply is no revert; a value naming no one counts nothing.
  tally.add(book.record(input('b@x', 'Reviewed-by: nobody\nReported-by: a@x\nCo-developed-by: C <c@x>\n', 'Reapply "x: y"')), false);

  it('counts commits once per kind and distinct people, leaving out the author’s own sign-off', () => {
    book.resolve(book.named().map((c) => (c.email === 'r@old' ? { name: 'R', email: 'r@x' } : c)));
    const { all, substantive } = tally.figures();
    expect(all).toEqual({
      commits: 4,
      reviewed_or_acked: { commits: 2, share: 0.5 },
      signed_off_by: { commits: 1, people: 1 },
      reviewed_by: { commits: 1, people: 1 },
      acked_by: { commits: 1, people: 1 },
      tested_by: { commits: 1, people: 1 },
      reported_by: { commits: 1, people: 1 },
      co_developed_by: { commits: 1, people: 1 },
      fixes: { commits: 1, share: 0.25 },
      stable: { commits: 1, share: 0.25 },
      reverts: { commits: 1, share: 0.25 },
    });
    expect(substantive).toMatchObject({ commits: 3, reviewed_or_acked: { commits: 1, share: 1 / 3 }, acked_by: { commits: 0, people: 0 }, stable: { commits: 0, share: 0 }, reverts: { commits: 0, share: 0 } });
  });

  it('maps people before counting them: two addresses of one reviewer are one person', () => {
    const b = new ReviewBook();
    const t = new ReviewTally(b);
    t.add(b.record(input('a@x', 'Reviewed-by: R <r@x>\n')), false);
    t.add(b.record(input('a@x', 'Reviewed-by: Old R <r@old>\n')), false);
    expect(t.figures().all.reviewed_by).toEqual({ commits: 2, people: 2 });
    b.resolve(b.named().map((c) => (c.email === 'r@old' ? { name: 'R', email: 'R@X' } : c)));
    expect(t.figures().all.reviewed_by).toEqual({ commits: 2, people: 1 });
  });

  it.each([
    [[], 0],
    [['m@x'], 1 / 4], // signed off one commit, committed the same one
    [['r@x'], 2 / 4], // reviewed one, acked another (as r@old, mapped)
    [['a@x'], 2 / 4], // the author's own sign-off counts: a maintainer who wrote and signed off the patch
    [['t@x', 'c@x'], 0], // tested-by and co-developed-by do not cover
    [['r@x', 'm@x', 'a@x'], 3 / 4],
  ])('maintainer coverage with %j', (emails, want) => {
    expect(tally.coverage(new Set(emails))).toBe(want);
  });

  it('coverage counts a commit whose committer is listed', () => {
    const b = new ReviewBook();
    const t = new ReviewTally(b);
    t.add(b.record(input('a@x', '', 's', 'c@x')), false);
    t.add(b.record(input('a@x', '')), true);
    expect(t.coverage(new Set(['c@x']))).toBe(0.5);
  });

  it('without commits: zeros, shares and coverage null', () => {
    const t = new ReviewTally(new ReviewBook());
    expect(t.figures().all).toMatchObject({ commits: 0, fixes: { commits: 0, share: null }, reviewed_by: { commits: 0, people: 0 } });
    expect(t.coverage(new Set(['a@x']))).toBeNull();
  });
});
