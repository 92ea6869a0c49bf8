// The rules `kstat check` knows: one per bound a figure of the signals table declares, so a new
// signal with a `rule` is a new flag and config key, with nothing to add here.
import { SIGNALS } from '../signals/table.js';
import type { RuleSpec } from './rules.js';

/** `idle_months` → `idle months`: a figure's words in a finding. */
const words = (key: string): string => key.replace(/_/g, ' ');

export const RULES: readonly RuleSpec[] = SIGNALS.flatMap((s) => {
  const value = s.value;
  if (!s.rule || !value) return [];
  const figure = (r: Parameters<typeof value>[0]): number | null => value(r);
  return [
    ...(s.rule.min ? [{ name: s.rule.min, bound: 'min' as const, label: words(s.key), figure }] : []),
    ...(s.rule.max ? [{ name: s.rule.max, bound: 'max' as const, label: words(s.key), figure }] : []),
  ];
});
