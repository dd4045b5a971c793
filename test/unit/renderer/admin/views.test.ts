import { describe, expect, it } from 'vitest';
import type { DeviceSummary } from '../../../../shared/protocol.js';
import {
  instantOf,
  isRead,
  normalizeTicket,
  visitIdForTicket,
} from '../../../../renderer/src/screens/admin/auditView.js';
import { editorSectionOf, editorSections } from '../../../../renderer/src/screens/admin/configSections.js';
import {
  deviceState,
  pairingLink,
  sortDevices,
  suggestedName,
} from '../../../../renderer/src/screens/admin/deviceView.js';
import {
  csvErrors,
  groupByLine,
  lineOf,
  problemKey,
} from '../../../../renderer/src/screens/admin/importView.js';
import {
  interpreterFigures,
  interpreterIds,
  uncoveredLanguages,
} from '../../../../renderer/src/screens/admin/interpreterView.js';
import { actors, DomainDriver, MINUTE, T0 } from '../../../helpers/domain.js';

describe('audit filters', () => {
  it('finds today’s visit by its ticket, however it is typed', () => {
    const o = new DomainDriver();
    const first = o.walkIn();
    o.advance(MINUTE);
    o.walkIn();
    expect(visitIdForTicket(o.state, ` ${first.ticket.toLowerCase()} `)).toBe(first.visitId);
    expect(visitIdForTicket(o.state, 'W999')).toBeNull();
    expect(visitIdForTicket(o.state, '')).toBeNull();
    expect(normalizeTicket('w 014')).toBe('W014');
  });

  it('finds a visit that has ended too', () => {
    const o = new DomainDriver();
    const v = o.walkIn();
    o.run(actors.reception, 'visit:cancel', { visitId: v.visitId, reason: 'duplicate' });
    expect(visitIdForTicket(o.state, v.ticket)).toBe(v.visitId);
  });

  it('reads a datetime-local value in the office’s time zone', () => {
    // 09:00 in Stockholm on 2026-11-23 is T0 (UTC+1).
    expect(instantOf('2026-11-23T09:00', 'Europe/Stockholm')).toBe(T0);
    expect(instantOf('2026-07-01T09:00', 'Europe/Stockholm')).toBe(Date.UTC(2026, 6, 1, 7, 0));
    expect(instantOf('', 'Europe/Stockholm')).toBeUndefined();
    expect(instantOf('not a time', 'Europe/Stockholm')).toBeUndefined();
  });

  it('tells reads from changes', () => {
    expect(isRead('visit:open')).toBe(true);
    expect(isRead('visit:find')).toBe(true);
    expect(isRead('called')).toBe(false);
    // The admin's own changes are recorded by request name, but they are changes.
    expect(isRead('device:revoke')).toBe(false);
    expect(isRead('officer:set_pin')).toBe(false);
  });
});

describe('devices', () => {
  const device = (over: Partial<DeviceSummary>): DeviceSummary => ({
    id: '00000000-0000-4000-8000-000000000001',
    role: 'desk',
    name: 'AF 1',
    deskId: 'af-1',
    createdAt: T0,
    pairedAt: null,
    revokedAt: null,
    lastSeenAt: null,
    pairingExpires: T0 + 86_400_000,
    connected: false,
    ...over,
  });

  it('says whether a device is paired, waiting, expired or revoked', () => {
    expect(deviceState(device({}), T0)).toBe('waiting');
    expect(deviceState(device({}), T0 + 86_400_000)).toBe('expired');
    expect(deviceState(device({ pairedAt: T0 }), T0)).toBe('paired');
    expect(deviceState(device({ pairedAt: T0, revokedAt: T0 + 1 }), T0)).toBe('revoked');
  });

  it('sorts by role and name, revoked last', () => {
    const list = [
      device({ id: 'a', name: 'MV 2' }),
      device({ id: 'b', name: 'Kiosk', role: 'kiosk', deskId: null }),
      device({ id: 'c', name: 'AF 1', revokedAt: T0 }),
      device({ id: 'd', name: 'Admin', role: 'admin', deskId: null }),
      device({ id: 'e', name: 'AF 2' }),
    ];
    expect(sortDevices(list).map((d) => d.id)).toEqual(['d', 'b', 'e', 'a', 'c']);
  });

  it('makes the pairing link the server prints, and a default name', () => {
    expect(pairingLink('http://192.168.1.20:8420', 'K7QM-3XWP')).toBe(
      'http://192.168.1.20:8420/pair?code=K7QM-3XWP',
    );
    expect(suggestedName('desk', 'Arbetsförmedlingen 2', 'handläggarplats')).toBe('Arbetsförmedlingen 2');
    expect(suggestedName('kiosk', null, 'incheckningskiosk')).toBe('Incheckningskiosk');
  });
});

describe('booking list faults', () => {
  const details = {
    errors: [
      { line: 5, column: 'children', message: 'children must be a number from 0 to 20' },
      { line: 3, column: 'time', message: 'time must be HH:MM' },
      { line: 5, column: 'reference', message: 'the same reference as line 2' },
      { line: 'x', column: 'time', message: 'bad' },
    ],
  };

  it('reads CSV_INVALID details defensively, in line order', () => {
    expect(csvErrors(details).map((e) => e.line)).toEqual([3, 5, 5]);
    expect(csvErrors(undefined)).toEqual([]);
    expect(csvErrors({ errors: 'nope' })).toEqual([]);
  });

  it('groups faults by line and shows the line they are on', () => {
    const grouped = groupByLine(csvErrors(details));
    expect(grouped.map((g) => [g.line, g.problems.length])).toEqual([
      [3, 1],
      [5, 2],
    ]);
    const text = '\uFEFFtid;referens\r\n09:00;A\r\n9.3;B\r\n';
    expect(lineOf(text, 1)).toBe('tid;referens');
    expect(lineOf(text, 3)).toBe('9.3;B');
    expect(lineOf(text, 9)).toBe('');
  });

  it('knows the server’s messages, with their values', () => {
    expect(problemKey('the same reference as line 12')).toEqual({ key: 'duplicate', values: { line: '12' } });
    expect(problemKey('the header has no "adults" column')).toEqual({
      key: 'missingColumn',
      values: { column: 'adults' },
    });
    expect(problemKey('the office does not offer this language')?.key).toBe('languageNotOffered');
    expect(problemKey('something new')).toBeNull();
  });
});

describe('interpreters', () => {
  it('lists them by language, says who is busy with which ticket, and which languages no one covers', () => {
    const o = new DomainDriver();
    const add = (language: string, name: string, mode: 'onsite' | 'phone' = 'onsite') =>
      (o.run(actors.admin, 'interpreter:add', { language, name, mode }).result as { interpreterId: string })
        .interpreterId;
    const ti = add('ti', 'Tolk Tigrinja', 'phone');
    const ar = add('ar', 'Samira');
    const v = o.walkIn({ language: 'ar' });
    o.run(actors.reception, 'visit:update', { visitId: v.visitId, interpreterLanguage: 'ar' });
    o.run(actors.reception, 'interpreter:attach', { interpreterId: ar, visitId: v.visitId });
    const other = o.walkIn();
    o.run(actors.reception, 'visit:update', { visitId: other.visitId, interpreterLanguage: 'ku' });
    expect(interpreterIds(o.state)).toEqual([ar, ti]);
    expect(interpreterFigures(o.state, ar)).toEqual({
      language: 'ar',
      name: 'Samira',
      mode: 'onsite',
      ticket: v.ticket,
      busy: true,
    });
    expect(interpreterFigures(o.state, ti)).toMatchObject({ mode: 'phone', ticket: null, busy: false });
    expect(interpreterFigures(o.state, 'missing')).toBeNull();
    expect(uncoveredLanguages(o.state)).toEqual(['ku']);
  });
});

describe('editor sections', () => {
  it('groups the config’s parts into the editor’s sections, in the editor’s order', () => {
    expect(editorSectionOf('interpreterLanguages')).toBe('languages');
    expect(editorSections(['retention', 'queueRules', 'waitWarningMinutes', 'desks'])).toEqual([
      'desks',
      'calling',
      'retention',
    ]);
  });
});
