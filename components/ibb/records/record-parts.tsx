'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { IbbBoardView } from '../../../domain/ibb/ibb-board';

const ISSUE_SUBJECT = /^issues\/(.+)$/;

/** Records name the board item they are about as `issues/<id>`; the ground rules as `ground_rules`. */
export function issueSubject(issueId: string): string {
  return `issues/${issueId}`;
}

export function issueIdOf(subject: string): string | null {
  return ISSUE_SUBJECT.exec(subject)?.[1] ?? null;
}

/**
 * A record's subject as people know it: the issue's title or "Ground rules". Null while
 * the board has no such issue (not yet synced, or removed): better nothing than a guess.
 */
export function useSubjectLabel(board: IbbBoardView): (subject: string) => string | null {
  const t = useTranslations('ibbRecords.subject');
  return (subject) => {
    if (subject === 'ground_rules') return t('groundRules');
    const id = issueIdOf(subject);
    const issue = id ? board.issues.find((i) => i.id === id) : undefined;
    if (issue) return issue.title.trim() || t('untitledIssue');
    return null;
  };
}

export function PartyBadge({ party }: { party: string }) {
  const t = useTranslations('ibbRecords.values.party');
  const known = party === 'labor' || party === 'management' || party === 'neutral' || party === 'community';
  return <span className={`party-${known ? party : 'neutral'} rounded px-2 py-0.5 text-sm font-semibold`}>{known ? t(party) : party}</span>;
}

export function Badge({ tone, children }: { tone: 'green' | 'red' | 'amber' | 'zinc' | 'blue'; children: ReactNode }) {
  const tones = {
    green: 'border-green-700 bg-green-50 text-green-900',
    red: 'border-red-700 bg-red-50 text-red-900',
    amber: 'border-amber-700 bg-amber-50 text-amber-900',
    zinc: 'border-zinc-500 bg-zinc-100 text-zinc-800',
    blue: 'border-blue-700 bg-blue-50 text-blue-900',
  };
  return <span className={`inline-flex items-center rounded border px-2 py-0.5 text-sm font-semibold ${tones[tone]}`}>{children}</span>;
}

/** Record times in the viewer's language and the app's time zone (UTC, as in the exported record). */
export function useRecordTime(): (at: Date | string) => string {
  const format = useFormatter();
  return (at) => format.dateTime(new Date(at), { dateStyle: 'medium', timeStyle: 'short' });
}

/** Issue picker shared by the panels that open a record about an issue. */
export function SubjectSelect({ id, board, value, onChange, includeGroundRules }: { id: string; board: IbbBoardView; value: string; onChange: (subject: string) => void; includeGroundRules?: boolean }) {
  const t = useTranslations('ibbRecords.subject');
  return (
    <select id={id} className="field-input" value={value} onChange={(e) => onChange(e.target.value)} required>
      <option value="">{t('choose')}</option>
      {includeGroundRules ? <option value="ground_rules">{t('groundRules')}</option> : null}
      {board.issues.map((issue) => (
        <option key={issue.id} value={issueSubject(issue.id)}>
          {issue.title.trim() || t('untitledIssue')}
        </option>
      ))}
    </select>
  );
}
