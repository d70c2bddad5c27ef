import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../domain/ibb/views';
import { sessionPermissions } from './permissions';

const me = (party: SessionState['me']['party'], role: SessionState['me']['role']): SessionState['me'] => ({ userId: 'u', party, role, isSigner: false, isLead: false, canInitial: false });

describe('session permissions', () => {
  it('lets team members edit an unlocked board, and only facilitators a locked one', () => {
    expect(sessionPermissions({ me: me('labor', 'team_member'), isLocked: false }, 'edit').canEditBoard).toBe(true);
    expect(sessionPermissions({ me: me('labor', 'team_member'), isLocked: true }, 'edit').canEditBoard).toBe(false);
    const facilitator = sessionPermissions({ me: me('neutral', 'facilitator'), isLocked: true }, 'edit');
    expect(facilitator.canEditBoard && facilitator.canOrganize && facilitator.canDraftSingleText).toBe(true);
    expect(facilitator.canCallCaucus || facilitator.canAnswerChecks || facilitator.canCritique).toBe(false);
  });

  it('keeps observers to watching, whatever the doc access says', () => {
    const p = sessionPermissions({ me: me('labor', 'observer'), isLocked: false }, 'edit');
    expect(p.canEditBoard || p.canTakeFloor || p.canCallCaucus || p.canAnswerChecks).toBe(false);
  });

  it('follows the server when it says view only', () => {
    expect(sessionPermissions({ me: me('management', 'team_member'), isLocked: false }, 'view').canEditBoard).toBe(false);
  });

  it('gives the caucus invitation to chief spokespersons and the single text to TA drafters', () => {
    expect(sessionPermissions({ me: me('labor', 'chief_spokesperson'), isLocked: false }, 'edit').canInviteFacilitators).toBe(true);
    expect(sessionPermissions({ me: me('labor', 'team_member'), isLocked: false }, 'edit').canInviteFacilitators).toBe(false);
    const drafter = sessionPermissions({ me: me('management', 'ta_drafter'), isLocked: false }, 'edit');
    expect(drafter.canDraftSingleText && drafter.canCritique).toBe(true);
    expect(drafter.canOrganize).toBe(false);
  });
});
