/**
 * Speaking balance as bars. The server totals finished turns and the running one up to
 * the moment it answered; the running turn keeps growing on screen until the next update.
 */
export interface Balance {
  byPerson: Record<string, number>;
  byParty: Record<string, number>;
}

export function liveBalance(balance: Balance, speaker: { userId: string; party: string } | null, secondsSinceFetch: number): Balance {
  if (!speaker || secondsSinceFetch <= 0) return balance;
  const extra = Math.floor(secondsSinceFetch);
  return {
    byPerson: { ...balance.byPerson, [speaker.userId]: (balance.byPerson[speaker.userId] ?? 0) + extra },
    byParty: { ...balance.byParty, [speaker.party]: (balance.byParty[speaker.party] ?? 0) + extra },
  };
}

export interface Bar {
  key: string;
  seconds: number;
  /** Share of the whole, 0–100, for the label. */
  percent: number;
  /** Length relative to the longest bar, 0–100. */
  width: number;
}

/** One bar per key (zero for keys nobody has spoken under yet), longest first. */
export function balanceBars(totals: Record<string, number>, keys: string[]): Bar[] {
  const all = keys.map((key) => ({ key, seconds: Math.max(0, totals[key] ?? 0) }));
  const sum = all.reduce((a, b) => a + b.seconds, 0);
  const max = Math.max(0, ...all.map((b) => b.seconds));
  return all
    .map((b) => ({ ...b, percent: sum ? Math.round((b.seconds / sum) * 100) : 0, width: max ? Math.round((b.seconds / max) * 100) : 0 }))
    .sort((a, b) => b.seconds - a.seconds || a.key.localeCompare(b.key));
}
