'use client';

import { useTranslations } from 'next-intl';
import type { CheckKind, PartyTally } from '../../../domain/ibb/session-rules';
import { THUMB_VALUES } from '../../../domain/ibb/session-rules';
import { PartyBadge } from './record-parts';

export const FIST_VALUES = [5, 4, 3, 2, 1, 0] as const;
export const THUMB_SCALE = [THUMB_VALUES.up, THUMB_VALUES.sideways, THUMB_VALUES.down] as const;

export function scaleOf(kind: CheckKind): readonly number[] {
  return kind === 'thumbs' ? THUMB_SCALE : FIST_VALUES;
}

/** How an answer value reads on its scale: "4" for fist-to-five, "Thumbs up" for thumbs. */
export function useAnswerLabel(): (kind: CheckKind, value: number) => string {
  const t = useTranslations('ibbRecords.consensus.thumbs');
  return (kind, value) => {
    if (kind === 'fist_to_five') return String(value);
    if (value === THUMB_VALUES.up) return t('up');
    if (value === THUMB_VALUES.sideways) return t('sideways');
    return t('down');
  };
}

/**
 * One party's answers as horizontal bars, one per value on the scale. Counts are written
 * out next to each bar, so the chart reads without colour or sight of the bars.
 */
export function PartyDistribution({ party, tally, kind, threshold }: { party: 'labor' | 'management'; tally: PartyTally; kind: CheckKind; threshold: number }) {
  const t = useTranslations('ibbRecords.consensus');
  const label = useAnswerLabel();
  const scale = scaleOf(kind);
  const most = Math.max(1, ...scale.map((v) => tally.distribution[v] ?? 0));
  return (
    <figure className="min-w-[14rem] flex-1 rounded-md border border-zinc-300 p-3">
      <figcaption className="mb-2 flex flex-wrap items-center gap-2">
        <PartyBadge party={party} />
        <span className="text-sm text-zinc-700">{t('answeredCount', { count: tally.answered })}</span>
        {tally.belowThreshold > 0 ? <span className="text-sm font-semibold text-red-800">{t('belowCount', { count: tally.belowThreshold, threshold })}</span> : null}
      </figcaption>
      <ul className="grid gap-1" aria-label={t('distributionOf', { party: t(`party.${party}`) })}>
        {scale.map((v) => {
          const count = tally.distribution[v] ?? 0;
          const isBelow = v < threshold;
          return (
            <li key={v} className="grid grid-cols-[6.5rem_1fr_2rem] items-center gap-2 text-sm">
              <span className={isBelow ? 'font-semibold text-red-800' : ''}>{label(kind, v)}</span>
              <span className="h-4 rounded bg-zinc-100" aria-hidden="true">
                <span className={`block h-4 rounded ${isBelow ? 'bg-red-600' : 'bg-green-700'}`} style={{ width: `${(count / most) * 100}%` }} />
              </span>
              <span className="text-right tabular-nums">{count}</span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
