// What tests compare: a report's figures (the signals of docs/signals.md), without run details like the revision.
import type { PathReport } from '../../src/types.js';
import type { OracleFigures } from './oracle.js';

export function figures(r: PathReport): OracleFigures {
  const { files, lines, commits, added, removed, authors, active_months, monthly, last_commit } = r;
  // A month's substantive count is compared with its own oracle (oracle-people.ts).
  return { files, lines, commits, added, removed, authors, active_months, monthly: monthly.map(({ month, commits, added, removed }) => ({ month, commits, added, removed })), last_commit };
}
