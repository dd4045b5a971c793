import { describe, expect, it } from 'vitest';
import { statusView, StatusViewSchema, type StatusView } from '../../../../shared/views.js';
import {
  currentIndex,
  documentTitle,
  guessLanguage,
  phase,
  stepMark,
  stepsDone,
  stepsLeft,
  statusTokenFromPath,
} from '../../../../renderer/src/screens/status/statusModel.js';
import { DomainDriver, serveNext } from '../../../helpers/domain.js';

type Step = StatusView['steps'][number];
const step = (stationId: string, status: Step['status']): Step => ({
  stationId,
  name: stationId.toUpperCase(),
  agency: 'MV',
  status,
});

function view(overrides: Partial<StatusView> = {}): StatusView {
  return {
    seq: 1,
    ticket: 'W007',
    language: 'ar',
    status: 'active',
    steps: [step('mv', 'done'), step('af', 'waiting'), step('skv', 'pending'), step('kommun', 'pending')],
    current: { stationId: 'af', status: 'waiting', ahead: 2, estimatedWaitMinutes: 30, deskName: null },
    ...overrides,
  };
}

describe('status page model', () => {
  it('names the phase from the visit and its current step', () => {
    expect(phase(view())).toBe('waiting');
    const at = (status: Step['status']) =>
      phase(
        view({
          current: { stationId: 'af', status, ahead: null, estimatedWaitMinutes: null, deskName: 'AF 1' },
        }),
      );
    expect(at('called')).toBe('called');
    expect(at('serving')).toBe('serving');
    expect(at('parked')).toBe('parked');
    expect(at('no_show')).toBe('missed');
    expect(phase(view({ status: 'registered', current: null }))).toBe('registered');
    expect(phase(view({ status: 'cancelled' }))).toBe('cancelled');
  });

  it('counts the meetings done and left, the current one included in those left', () => {
    const v = view();
    expect([stepsDone(v), stepsLeft(v), currentIndex(v)]).toEqual([1, 3, 1]);
    const skipped = view({ steps: [step('mv', 'done'), step('af', 'skipped'), step('skv', 'waiting')] });
    expect(stepsLeft(skipped)).toBe(1);
    expect(stepsLeft(view({ status: 'registered', current: null }))).toBe(0);
    expect(currentIndex(view({ status: 'cancelled' }))).toBe(-1);
  });

  it('marks every step with a word-bearing state, not only a colour', () => {
    const v = view();
    expect(v.steps.map((s, i) => stepMark(s, i === currentIndex(v)))).toEqual([
      'done',
      'current',
      'left',
      'left',
    ]);
    expect(stepMark(step('af', 'skipped'), false)).toBe('skipped');
    expect(stepMark(step('af', 'no_show'), false)).toBe('missed');
  });

  it("speaks the phone's language until the ticket's own is known", () => {
    expect(guessLanguage(['uk-UA', 'en-US'])).toBe('uk');
    expect(guessLanguage(['fa-AF'])).toBe('prs');
    expect(guessLanguage(['fa-IR'])).toBe('fa');
    expect(guessLanguage(['ti-ER'])).toBe('ti');
    expect(guessLanguage(['de-DE', 'sv-SE'])).toBe('sv');
    expect(guessLanguage(['de-DE'])).toBe('en');
    expect(guessLanguage([])).toBe('en');
  });

  it('reads the token from the path the router accepted', () => {
    expect(statusTokenFromPath('/status/abcdefghijklmnop_-12')).toBe('abcdefghijklmnop_-12');
    expect(statusTokenFromPath('/status/short')).toBeNull();
    expect(statusTokenFromPath('/kiosk')).toBeNull();
  });

  it('puts "go to <desk>" in the tab title once called', () => {
    const t = (key: string, o: Record<string, string>) => `${key}:${JSON.stringify(o)}`;
    expect(documentTitle(view(), t)).toBe('tab:{"ticket":"W007"}');
    const called = view({
      current: {
        stationId: 'af',
        status: 'called',
        ahead: null,
        estimatedWaitMinutes: null,
        deskName: 'AF 2',
      },
    });
    expect(documentTitle(called, t)).toBe('tabCalled:{"ticket":"W007","desk":"AF 2"}');
  });

  it('works on the view the server really sends, through a whole journey', () => {
    const o = new DomainDriver();
    o.signIn('mv-1');
    const w = o.walkIn();
    const token = o.state.privateData.get(w.visitId)!.statusToken;
    expect(token.length).toBeGreaterThanOrEqual(16);
    const read = () => StatusViewSchema.parse(statusView(o.state, w.visitId, 1, o.now));
    expect(phase(read())).toBe('waiting');
    serveNext(o, 'mv-1');
    expect(phase(read())).toBe('serving');
    expect(currentIndex(read())).toBe(0);
  });
});
