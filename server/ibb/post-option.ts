import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../domain/errors';
import { addOption } from '../../domain/ibb/ibb-board';
import { writeDoc } from '../realtime/write-doc';
import { ibbDocId } from './controls';
import { requireParticipant } from './require-participant';

export const postOptionInput = z.object({
  issueId: z.string().min(1).max(100),
  text: z.string().trim().min(1).max(4000),
  buildsOn: z.array(z.string().min(1).max(100)).max(20).default([]),
});

/**
 * Posts a brainstormed option under the activity's anonymity. Named options are written
 * by the person's own client (authorship from the clientID binding); party-tagged and
 * anonymous ones come through here and are written by the server under its reserved
 * clientID, so nothing in the doc, presence or relay ties them to a person. The
 * participation event keeps the actor for counts and is marked with the anonymity, so
 * exports never lift it.
 */
export async function postOption(actorId: string, sessionId: string, input: z.input<typeof postOptionInput>): Promise<{ id: string; postedAs: 'party' | 'anonymous' }> {
  const p = await requireParticipant(actorId, sessionId);
  if (p.role === 'observer') throw new AppError('forbidden', 'Observers do not post');
  if (p.session.isLocked && p.role !== 'facilitator') throw new AppError('forbidden', 'The board is locked');
  if (p.session.anonymity === 'named') throw new AppError('conflict', 'This activity is named: post from the board');
  const parsed = postOptionInput.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues[0]?.message ?? 'Invalid option');
  const postedAs = p.session.anonymity;
  const id = randomUUID();
  await writeDoc(
    ibbDocId(sessionId),
    (doc) => addOption(doc, { id, issueId: parsed.data.issueId, text: parsed.data.text, buildsOn: parsed.data.buildsOn, postedAs, partyTag: postedAs === 'party' ? p.party : null }),
    [
      {
        partnershipId: p.session.partnershipId,
        actorId,
        kind: 'created',
        targetItem: `options/${id}`,
        targetAuthorId: null,
        size: 1,
        at: new Date(),
      },
    ],
  );
  return { id, postedAs };
}
