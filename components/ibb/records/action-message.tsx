import type { ActionMessage } from './use-record-action';

/** The outcome of the last action, announced to screen readers. */
export function ActionMessageLine({ message }: { message: ActionMessage | null }) {
  return (
    <div aria-live="polite">
      {message ? <p className={message.isOk ? 'alert-ok mt-2' : 'alert-error mt-2'}>{message.text}</p> : null}
    </div>
  );
}
