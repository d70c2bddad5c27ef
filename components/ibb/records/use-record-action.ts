'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useState, useTransition } from 'react';
import type { RecordResult } from './types';

export interface ActionMessage {
  isOk: boolean;
  text: string;
}

/** Message keys (under `ibbRecords.errors`) for a refusal code in this action's context. */
export type ErrorKeys = Partial<Record<string, string>>;

/**
 * Runs one record-changing action: pending state, a translated message for the outcome,
 * and a reload of the records either way (a refusal usually means the screen is stale).
 */
export function useRecordAction(onChanged: () => void) {
  const t = useTranslations('ibbRecords.errors');
  const [isPending, startTransition] = useTransition();
  const [message, setMessage] = useState<ActionMessage | null>(null);

  const run = useCallback(
    <T,>(action: () => Promise<RecordResult<T>>, options: { okText?: string; errors?: ErrorKeys; onOk?: (data: T) => void } = {}) => {
      setMessage(null);
      startTransition(async () => {
        let result: RecordResult<T>;
        try {
          result = await action();
        } catch {
          // The request itself failed (network, server restart): nothing was recorded.
          setMessage({ isOk: false, text: t('network') });
          return;
        }
        if (result.ok) {
          if (options.okText) setMessage({ isOk: true, text: options.okText });
          options.onOk?.(result.data);
        } else {
          const specific = options.errors?.[result.error.code];
          const key = specific ?? (t.has(result.error.code) ? result.error.code : 'generic');
          setMessage({ isOk: false, text: t(key) });
        }
        onChanged();
      });
    },
    [onChanged, t],
  );

  return { run, isPending, message, clearMessage: () => setMessage(null) };
}
