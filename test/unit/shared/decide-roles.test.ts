import { describe, expect, it } from 'vitest';
import {
  COMMAND_NAMES,
  COMMAND_ROLES,
  mayRun,
  type CommandName,
  type CommandPayload,
} from '../../../shared/commands.js';
import { ROLES, SYSTEM_ACTOR, type Actor, type Role } from '../../../shared/events.js';
import { actors, DAY, DomainDriver, expectRefused, testConfig, UNKNOWN_ID } from '../../helpers/domain.js';

/** A payload for every command that passes the schema (what decide then makes of it varies). */
const PAYLOADS: { [N in CommandName]: Omit<CommandPayload<N>, 'commandId'> } = {
  'visit:check_in': {
    arrival: { kind: 'walk_in', adults: 1, children: 0 },
    language: 'ar',
    interpreterLanguage: null,
    consent: true,
  },
  'visit:update': { visitId: UNKNOWN_ID, consent: true },
  'visit:set_household': { visitId: UNKNOWN_ID, adults: 1, children: 0, members: [] },
  'queue:call_next': {},
  'visit:call': { visitId: UNKNOWN_ID },
  'visit:recall': { visitId: UNKNOWN_ID },
  'visit:no_show': { visitId: UNKNOWN_ID },
  'visit:start': { visitId: UNKNOWN_ID },
  'visit:return_to_queue': { visitId: UNKNOWN_ID },
  'visit:park': { visitId: UNKNOWN_ID },
  'visit:add_note': { visitId: UNKNOWN_ID, note: { text: 'x', visibility: 'agency' } },
  'visit:set_checklist_item': { visitId: UNKNOWN_ID, itemId: 'ut-card', checked: true },
  'visit:hand_over': { visitId: UNKNOWN_ID, to: { kind: 'next' }, outcome: 'done' },
  'visit:complete_step': { visitId: UNKNOWN_ID, outcome: 'done' },
  'visit:skip_step': { visitId: UNKNOWN_ID, stationId: 'af', reason: 'age_rule' },
  'visit:restore_step': { visitId: UNKNOWN_ID, stationId: 'af', reason: 'rule_does_not_fit' },
  'visit:complete': { visitId: UNKNOWN_ID, outcome: 'done' },
  'visit:cancel': { visitId: UNKNOWN_ID, reason: 'other' },
  'visit:reinstate': { visitId: UNKNOWN_ID },
  'interpreter:add': { language: 'ar', mode: 'onsite', name: 'Tolk' },
  'interpreter:remove': { interpreterId: UNKNOWN_ID },
  'interpreter:attach': { interpreterId: UNKNOWN_ID, visitId: UNKNOWN_ID },
  'interpreter:release': { interpreterId: UNKNOWN_ID },
  'appointments:import': { day: DAY, csv: 'x', dryRun: true },
  'office:configure': { config: testConfig() },
  'desk:sign_in': { officer: 'Anna' },
  'desk:sign_out': {},
};

const ACTORS: Record<Role, Actor> = {
  admin: actors.admin,
  reception: actors.reception,
  kiosk: actors.kiosk,
  desk: actors.desk('mv-1'),
  display: actors.display,
};

/** docs/ARCHITECTURE.md §9: who may send what. Display devices send nothing. */
const EXPECTED: Record<CommandName, string> = {
  'visit:check_in': 'admin kiosk reception',
  'visit:update': 'admin desk reception',
  'visit:set_household': 'desk reception',
  'queue:call_next': 'desk',
  'visit:call': 'desk',
  'visit:recall': 'desk',
  'visit:no_show': 'desk',
  'visit:start': 'desk',
  'visit:return_to_queue': 'desk',
  'visit:park': 'desk',
  'visit:add_note': 'desk',
  'visit:set_checklist_item': 'desk',
  'visit:hand_over': 'desk',
  'visit:complete_step': 'desk',
  'visit:skip_step': 'admin desk reception',
  'visit:restore_step': 'admin desk reception',
  'visit:complete': 'desk',
  'visit:cancel': 'admin reception',
  'visit:reinstate': 'admin reception',
  'interpreter:add': 'admin',
  'interpreter:remove': 'admin',
  'interpreter:attach': 'admin desk reception',
  'interpreter:release': 'admin desk reception',
  'appointments:import': 'admin',
  'office:configure': 'admin',
  'desk:sign_in': 'desk',
  'desk:sign_out': 'desk',
};

function attempt(name: CommandName) {
  const o = new DomainDriver();
  const rows = name === 'appointments:import' ? [] : undefined;
  return { o, rows, payload: PAYLOADS[name] as Omit<CommandPayload<'visit:call'>, 'commandId'> };
}

describe('the role matrix', () => {
  it('is the designed one', () => {
    expect(Object.keys(COMMAND_ROLES).sort()).toEqual([...COMMAND_NAMES].sort());
    for (const name of COMMAND_NAMES)
      expect([...COMMAND_ROLES[name]].sort().join(' '), name).toBe(EXPECTED[name]);
    expect(COMMAND_NAMES.filter((n) => mayRun('display', n))).toEqual([]);
    expect(COMMAND_NAMES.filter((n) => mayRun('kiosk', n))).toEqual(['visit:check_in']);
  });

  const pairs = ROLES.flatMap((role) => COMMAND_NAMES.map((name) => [role, name] as const));

  it.each(pairs.filter(([role, name]) => !COMMAND_ROLES[name].includes(role)))(
    'refuses a %s device %s with FORBIDDEN, changing nothing',
    (role, name) => {
      const { o, rows, payload } = attempt(name);
      o.signIn('mv-1');
      expectRefused(o, ACTORS[role], name as 'visit:call', payload, 'FORBIDDEN', rows);
    },
  );

  it.each(pairs.filter(([role, name]) => COMMAND_ROLES[name].includes(role)))(
    'lets a %s device past the role check for %s',
    (role, name) => {
      const { o, rows, payload } = attempt(name);
      const decided = o.try(ACTORS[role], name as 'visit:call', payload, rows);
      expect(decided.ok ? 'ok' : decided.error.code).not.toBe('FORBIDDEN');
    },
  );

  it.each(COMMAND_NAMES)('never lets the system actor send %s', (name) => {
    const { o, rows, payload } = attempt(name);
    expectRefused(o, SYSTEM_ACTOR, name as 'visit:call', payload, 'FORBIDDEN', rows);
  });
});
