// Commit dates: HEAD at --head, history over --years, committer dates that mostly increase (a
// few hours back now and then, and a broken clock on a few branch commits), authors lagging.
import type { GenParams } from './params.js';
import type { Rng } from './random.js';

export class Clock {
  /** First and last commit, epoch seconds. */
  readonly T0: number;
  readonly T1: number;
  private readonly N: number;

  constructor(
    p: GenParams,
    private readonly rng: Rng,
  ) {
    this.N = p.commits;
    this.T1 = Math.floor(Date.parse(p.head) / 1000);
    const t0 = new Date(p.head);
    t0.setUTCFullYear(t0.getUTCFullYear() - p.years);
    this.T0 = Math.floor(t0.getTime() / 1000);
  }

  private time(step: number): number {
    if (step >= this.N - 1) return this.T1;
    const span = this.T1 - this.T0;
    const base = this.T0 + (span * step) / (this.N - 1);
    return Math.floor(base + (this.rng.float() - 0.5) * 0.9 * (span / (this.N - 1)));
  }

  /** A commit's dates at a step; `skew` sets its committer's clock 200–600 days slow. */
  dates(step: number, skew: boolean): { author: number; committer: number } {
    const rng = this.rng;
    let committer = this.time(step);
    if (step < this.N - 1) {
      if (skew) committer -= Math.floor(86400 * rng.range(200, 600));
      else if (rng.chance(0.01)) committer -= Math.min(20 * 86400, Math.floor(rng.lognormal(7200, 1.5)));
    }
    const lag = rng.chance(0.3) ? rng.int(600) : Math.min(120 * 86400, Math.floor(rng.lognormal(2 * 86400, 1.3)));
    return { author: Math.max(this.T0 - 86400 * 30, committer - lag), committer };
  }
}
