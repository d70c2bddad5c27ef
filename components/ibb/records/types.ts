import type * as Y from 'yjs';
import type { SessionState } from '../../../domain/ibb/views';
import type { FormResult } from '../../people/types';

/** What a server action answers: `{ ok: true, data }` or `{ ok: false, error: { code, message } }`. */
export type RecordResult<T = unknown> = FormResult<T>;

/**
 * Every records panel gets the session's records, the shared board doc (for issue titles,
 * draft texts and option texts) and a way to ask the screen to reload the records after a
 * change. The server decides every change again; the panels only avoid offering what it
 * would refuse.
 */
export interface RecordPanelProps {
  state: SessionState;
  doc: Y.Doc;
  onChanged: () => void;
}
