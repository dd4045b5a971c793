import { beforeEach, describe, expect, it, vi } from 'vitest';

/** The socket module stands in for the server: each test says what it answers. */
const socket = vi.hoisted(() => ({ send: vi.fn(), query: vi.fn() }));
vi.mock('../../../../renderer/src/net/socket.js', () => socket);

const { receptionActions } = await import('../../../../renderer/src/screens/reception/receptionActions.js');
const { receptionStore } = await import('../../../../renderer/src/screens/reception/receptionStore.js');

const VISIT = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const details = (visitId: string) => ({
  visitId,
  private: {
    bookingRef: 'MV55021',
    members: [{ name: 'Olena', birthDate: null, kind: 'adult' }],
    statusToken: '',
  },
  notes: [],
});

/** A promise the test settles when it likes, as a slow server would. */
function later<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

beforeEach(() => {
  receptionActions.reset();
  socket.send.mockReset();
  socket.query.mockReset();
});

describe('reception search', () => {
  it('never asks the server about a ticket number: the list filters it locally', async () => {
    receptionActions.setText('W14');
    await receptionActions.search();
    expect(socket.query).not.toHaveBeenCalled();
    expect(receptionStore.getState().found).toBeNull();
  });

  it('searches a name once when asked, not on each keystroke', async () => {
    socket.query.mockResolvedValue({ ok: true, seq: 1, value: { visitIds: [VISIT] } });
    for (const text of ['O', 'Ol', 'Olena ']) receptionActions.setText(text);
    expect(socket.query).not.toHaveBeenCalled();
    await receptionActions.search();
    expect(socket.query).toHaveBeenCalledTimes(1);
    expect(socket.query).toHaveBeenCalledWith('visit:find', { text: 'Olena' });
    expect(receptionStore.getState()).toMatchObject({
      found: { text: 'Olena', visitIds: [VISIT] },
      searching: false,
    });
  });

  it('drops the result once the text changes, and an answer to a text no longer in the box', async () => {
    const answer = later<unknown>();
    socket.query.mockReturnValue(answer.promise);
    receptionActions.setText('Olena');
    const searching = receptionActions.search();
    receptionActions.setText('Andrii');
    answer.resolve({ ok: true, seq: 1, value: { visitIds: [VISIT] } });
    await searching;
    expect(receptionStore.getState()).toMatchObject({ found: null, searching: false });
  });

  it('keeps the refusal’s code to show', async () => {
    socket.query.mockResolvedValue({ ok: false, error: { code: 'RATE_LIMITED', message: '' } });
    receptionActions.setText('Olena');
    await receptionActions.search();
    expect(receptionStore.getState()).toMatchObject({ searchError: 'RATE_LIMITED', found: null });
  });
});

describe('an opened visit', () => {
  it('reads its personal data and forgets it on closing', async () => {
    socket.query.mockResolvedValue({ ok: true, seq: 1, value: details(VISIT) });
    await receptionActions.openVisit(VISIT);
    expect(socket.query).toHaveBeenCalledWith('visit:open', { visitId: VISIT });
    expect(receptionStore.getState().details?.private?.members[0]?.name).toBe('Olena');
    receptionActions.closeVisit();
    expect(receptionStore.getState()).toMatchObject({ openVisitId: null, details: null });
  });

  it('ignores personal data that arrives after the visit was closed or another opened', async () => {
    const first = later<unknown>();
    socket.query.mockReturnValueOnce(first.promise);
    const opening = receptionActions.openVisit(VISIT);
    receptionActions.closeVisit();
    first.resolve({ ok: true, seq: 1, value: details(VISIT) });
    await opening;
    expect(receptionStore.getState().details).toBeNull();

    const slow = later<unknown>();
    socket.query
      .mockReturnValueOnce(slow.promise)
      .mockResolvedValueOnce({ ok: true, seq: 1, value: details(OTHER) });
    const a = receptionActions.openVisit(VISIT);
    await receptionActions.openVisit(OTHER);
    slow.resolve({ ok: true, seq: 1, value: details(VISIT) });
    await a;
    expect(receptionStore.getState().details?.visitId).toBe(OTHER);
  });
});

describe('reception commands', () => {
  it('send each command with its payload and give back the outcome', async () => {
    socket.send.mockResolvedValue({ ok: true, seq: 3, value: {} });
    await receptionActions.reinstate(VISIT);
    await receptionActions.cancel(VISIT, 'visitor_left');
    await receptionActions.skipStep(VISIT, 'af', 'age_rule');
    await receptionActions.update(VISIT, { interpreterLanguage: null });
    expect(socket.send.mock.calls).toEqual([
      ['visit:reinstate', { visitId: VISIT }],
      ['visit:cancel', { visitId: VISIT, reason: 'visitor_left' }],
      ['visit:skip_step', { visitId: VISIT, stationId: 'af', reason: 'age_rule' }],
      ['visit:update', { visitId: VISIT, interpreterLanguage: null }],
    ]);
    socket.send.mockResolvedValue({ ok: false, error: { code: 'INVALID_TRANSITION', message: 'x' } });
    expect(await receptionActions.reinstate(VISIT)).toEqual({ ok: false, code: 'INVALID_TRANSITION' });
  });
});
