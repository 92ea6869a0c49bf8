// The one-line progress report of a long walk (the CLI shows it on a terminal's stderr).
import type { Progress } from '../analyze/hooks.js';
import { DOT, grouped } from '../text/format.js';

function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function progressLine(p: Progress, elapsed: number): string {
  const share = Math.min(1, Math.max(0, p.share));
  const rate = elapsed > 0 ? p.commits / elapsed : 0;
  const eta = share > 0.02 && share < 1 ? ` ${DOT} ETA ${clock((elapsed * (1 - share)) / share)}` : '';
  return (
    `kstat: ${grouped(p.commits)} commits ${DOT} ${Math.round(share * 100)}% of the window read` +
    ` ${DOT} ${grouped(Math.round(rate))}/s${eta} ${DOT} ${grouped(p.pathsDone)}/${grouped(p.paths)} paths`
  );
}
