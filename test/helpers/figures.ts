// What tests compare: a report's figures (the signals of docs/signals.md), without run details like the revision.
import type { PathReport, Signals } from '../../src/types.js';

export function figures(r: PathReport): Signals {
  const { files, lines, commits, added, removed, authors, active_months, monthly, last_commit } = r;
  return { files, lines, commits, added, removed, authors, active_months, monthly, last_commit };
}
