import { describe, expect, it } from 'vitest';
import { CommandSchemas } from '../../../../shared/commands.js';
import {
  checkInPayload,
  emptyCheckIn,
  statusUrl,
} from '../../../../renderer/src/screens/reception/checkInForm.js';
import { actors, appointmentRow, DomainDriver, importAppointments } from '../../../helpers/domain.js';

const valid = (payload: object) =>
  CommandSchemas['visit:check_in'].safeParse({ commandId: 'cmd-0123456789', ...payload }).success;

describe('check-in on someone’s behalf', () => {
  it('asks for consent explicitly: neither yes nor no is chosen for the visitor', () => {
    const form = emptyCheckIn('ar');
    expect(form.consent).toBeNull();
    expect(checkInPayload(form)).toEqual({ ok: false, problems: ['consent'] });
  });

  it('makes a walk-in check-in the server accepts', () => {
    const checked = checkInPayload({ ...emptyCheckIn('ti'), adults: 2, children: 3, consent: true });
    expect(checked).toEqual({
      ok: true,
      payload: {
        arrival: { kind: 'walk_in', adults: 2, children: 3 },
        language: 'ti',
        interpreterLanguage: null,
        consent: true,
      },
    });
    if (!checked.ok) throw new Error('unreachable');
    expect(valid(checked.payload)).toBe(true);
    const o = new DomainDriver();
    const result = o.run(actors.reception, 'visit:check_in', checked.payload).result as { ticket: string };
    expect(result.ticket).toBe('W001');
  });

  it('makes a booked check-in with an interpreter the server accepts', () => {
    const form = {
      ...emptyCheckIn('uk'),
      arrival: 'booked' as const,
      bookingRef: ' mv 55021 ',
      needsInterpreter: true,
      consent: false,
    };
    const checked = checkInPayload(form);
    if (!checked.ok) throw new Error(checked.problems.join());
    expect(checked.payload).toMatchObject({
      arrival: { kind: 'booked', bookingRef: 'mv 55021' },
      interpreterLanguage: 'uk',
      consent: false,
    });
    const o = new DomainDriver();
    importAppointments(o, [appointmentRow('MV-55021', { language: 'uk', adults: 2, children: 1 })]);
    const { visitId } = o.run(actors.reception, 'visit:check_in', checked.payload).result as {
      visitId: string;
    };
    expect(o.visit(visitId)).toMatchObject({ kind: 'booked', adults: 2, children: 1, consent: false });
  });

  it('names every problem at once', () => {
    const checked = checkInPayload({
      ...emptyCheckIn('sv'),
      adults: 0,
      children: Number.NaN,
      needsInterpreter: true,
      consent: null,
    });
    expect(checked).toEqual({
      ok: false,
      problems: ['adults', 'children', 'interpreterLanguage', 'consent'],
    });
    expect(
      checkInPayload({ ...emptyCheckIn('sv'), arrival: 'booked', bookingRef: 'x!', consent: true }),
    ).toEqual({
      ok: false,
      problems: ['bookingRef'],
    });
  });

  it('links to the visitor’s own status page', () => {
    expect(statusUrl('http://10.0.0.5:8420/', 'abcDEF123_-xyz789')).toBe(
      'http://10.0.0.5:8420/status/abcDEF123_-xyz789',
    );
  });
});
