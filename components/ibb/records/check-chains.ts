import type { CheckView } from '../../../domain/ibb/views';

/** Rounds of the same question: a re-test points at the round before it. Latest round first. */
export function checkChains(checks: CheckView[]): CheckView[][] {
  const byId = new Map(checks.map((c) => [c.id, c]));
  const rootOf = (c: CheckView): string => {
    let current = c;
    const seen = new Set<string>();
    while (current.previousCheckId && !seen.has(current.id)) {
      seen.add(current.id);
      const previous = byId.get(current.previousCheckId);
      if (!previous) break;
      current = previous;
    }
    return current.id;
  };
  const chains = new Map<string, CheckView[]>();
  for (const c of checks) {
    const root = rootOf(c);
    chains.set(root, [...(chains.get(root) ?? []), c]);
  }
  // `checks` arrive newest first, so the chains keep that order by their newest round.
  return [...chains.values()].map((rounds) => [...rounds].sort((a, b) => b.round - a.round));
}
