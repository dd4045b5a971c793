import { beforeEach, describe, expect, it } from 'vitest';
import { deskActions, deskStore } from '../../../../renderer/src/screens/desk/deskStore.js';

describe('deskStore', () => {
  beforeEach(() => deskActions.reset());

  it('drops drafts, dialogs and the selection of visits that left the desk, and keeps the rest', () => {
    deskActions.setDraft('a', { text: 'Namn och personnummer', visibility: 'agency' });
    deskActions.setDraft('b', { text: 'Kvar', visibility: 'shared' });
    deskActions.select('a');
    deskActions.openDialog({ kind: 'handover', visitId: 'a' });
    deskActions.forgetVisitsBut(['b']);
    const s = deskStore.getState();
    expect(Object.keys(s.drafts)).toEqual(['b']);
    expect(s.dialog).toBeNull();
    expect(s.selectedVisitId).toBeNull();
  });

  it('leaves the state untouched when nothing left (no needless re-render)', () => {
    deskActions.setDraft('b', { text: 'x', visibility: 'shared' });
    deskActions.openDialog({ kind: 'confirmCall', visitId: 'q', ticket: 'W001', nextTicket: null });
    const before = deskStore.getState();
    deskActions.forgetVisitsBut(['b']);
    expect(deskStore.getState()).toBe(before);
  });

  it('clears a refusal when a dialog opens, so an old error never shows in it', () => {
    deskActions.fail('DESK_BUSY');
    deskActions.openDialog({ kind: 'completeStep', visitId: 'a' });
    expect(deskStore.getState().notice).toBeNull();
  });
});
