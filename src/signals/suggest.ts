// "Did you mean": the names closest to a mistyped one, for the error of a path that never existed.

/** Edit distance (insert, delete, substitute, swap two neighbours), case ignored. */
export function distance(a: string, b: string): number {
  const s = [...a.toLowerCase()];
  const t = [...b.toLowerCase()];
  const d = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[s.length]![t.length]!;
}

/**
 * Up to `n` of `names` close enough to `name` to be what was meant: within a third of its
 * length (at least 2 edits), or starting with it; nearest first, then by name.
 */
export function closest(name: string, names: string[], n = 3): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  return names
    .map((candidate) => ({ candidate, d: candidate.toLowerCase().startsWith(name.toLowerCase()) ? 1 : distance(name, candidate) }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d || (x.candidate < y.candidate ? -1 : x.candidate > y.candidate ? 1 : 0))
    .slice(0, n)
    .map((x) => x.candidate);
}
