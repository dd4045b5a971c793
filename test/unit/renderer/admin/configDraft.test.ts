import { describe, expect, it } from 'vitest';
import { OfficeConfigSchema, type OfficeConfig } from '../../../../shared/office.js';
import {
  addChecklistItem,
  addDesk,
  addInterpreterLanguage,
  addRetentionOverride,
  addStation,
  addToChain,
  changedSections,
  conflictItems,
  fieldError,
  followLive,
  isDirty,
  isStale,
  moveChecklistItem,
  moveDesk,
  moveInChain,
  moveLanguage,
  newDesk,
  rebase,
  removeChecklistItem,
  removeDesk,
  removeFromChain,
  removeInterpreterLanguage,
  removeRetentionOverride,
  removeStation,
  renameDesk,
  reopenDay,
  sameConfig,
  setField,
  setLanguage,
  setOpening,
  setQueueRule,
  setStationRule,
  startDraft,
  uniqueSlug,
  updateChecklistItem,
  updateRetentionOverride,
  updateStation,
  validateConfig,
} from '../../../../renderer/src/screens/admin/configDraft.js';
import { DomainDriver, testConfig } from '../../../helpers/domain.js';

const config = (): OfficeConfig => testConfig();
const valid = (c: OfficeConfig) => OfficeConfigSchema.safeParse(c).success;

describe('uniqueSlug', () => {
  it('makes a slug of a Swedish name and keeps it unique', () => {
    expect(uniqueSlug('Pensionsmyndigheten', [], 'station')).toBe('pensionsmyndigheten');
    expect(uniqueSlug('Försäkringskassan Å 2', [], 'x')).toBe('forsakringskassan-a-2');
    expect(uniqueSlug('AF 3', ['af-3', 'af-3-2'], 'desk')).toBe('af-3-3');
    expect(uniqueSlug('  !!  ', [], 'item')).toBe('item');
    const long = uniqueSlug('x'.repeat(80), [], 'item');
    expect(long.length).toBeLessThanOrEqual(40);
    expect(uniqueSlug('x'.repeat(80), [long], 'item')).toMatch(/^x+-2$/);
  });
});

describe('station operations', () => {
  it('adds a station at the end of the chain with an id from its name, valid as it stands', () => {
    const { op, id } = addStation('Pensionsmyndigheten');
    const before = config();
    const after = op(before);
    expect(id(before)).toBe('pensionsmyndigheten');
    expect(after.stations.at(-1)).toMatchObject({
      id: 'pensionsmyndigheten',
      name: 'Pensionsmyndigheten',
      agency: 'OTHER',
    });
    expect(after.chain.at(-1)).toBe('pensionsmyndigheten');
    expect(valid(after)).toBe(true);
    expect(before.stations).toHaveLength(4);
  });

  it('renames and edits a station, keeping its id', () => {
    const after = updateStation('mv', { name: 'Migrationsverket (delgivning)', defaultServiceMinutes: 40 })(
      config(),
    );
    expect(after.stations[0]).toMatchObject({
      id: 'mv',
      name: 'Migrationsverket (delgivning)',
      defaultServiceMinutes: 40,
    });
  });

  it('removes a station from the stations and the chain', () => {
    const withPm = addStation('Pensionsmyndigheten').op(config());
    const after = removeStation('pensionsmyndigheten')(withPm);
    expect(after.stations.map((s) => s.id)).toEqual(['mv', 'af', 'skv-fk', 'kommun']);
    expect(after.chain).toEqual(['mv', 'af', 'skv-fk', 'kommun']);
  });

  it('sets and clears an age rule', () => {
    const rule = {
      kind: 'adult_age',
      minAge: 65,
      maxAge: null,
      withoutParentsFromAge: null,
      whenUnknown: 'skip',
    } as const;
    const after = setStationRule('kommun', rule)(config());
    expect(after.stations.find((s) => s.id === 'kommun')!.rule).toEqual(rule);
    expect(setStationRule('kommun', null)(after).stations.find((s) => s.id === 'kommun')!.rule).toBeNull();
  });
});

describe('checklist operations', () => {
  it('adds an item with an id from its English label, renames, moves and removes it', () => {
    let c = addChecklistItem('mv', { sv: 'Tolk bokad', en: 'Interpreter booked' })(config());
    let items = c.stations[0]!.checklist;
    expect(items.at(-1)).toEqual({
      id: 'interpreter-booked',
      label: { sv: 'Tolk bokad', en: 'Interpreter booked' },
    });
    c = updateChecklistItem('mv', 'interpreter-booked', { sv: 'Tolk beställd', en: 'Interpreter ordered' })(
      c,
    );
    expect(c.stations[0]!.checklist.at(-1)).toEqual({
      id: 'interpreter-booked',
      label: { sv: 'Tolk beställd', en: 'Interpreter ordered' },
    });
    c = moveChecklistItem('mv', 'interpreter-booked', -1)(c);
    items = c.stations[0]!.checklist;
    expect(items.map((i) => i.id)).toEqual([
      'decision-served',
      'interpreter-present',
      'interpreter-booked',
      'ut-card',
    ]);
    // Moving past either end changes nothing.
    expect(moveChecklistItem('mv', 'decision-served', -1)(c).stations[0]!.checklist).toEqual(items);
    c = removeChecklistItem('mv', 'interpreter-booked')(c);
    expect(c.stations[0]!.checklist.map((i) => i.id)).toEqual([
      'decision-served',
      'interpreter-present',
      'ut-card',
    ]);
  });

  it('gives a second item with the same label its own id', () => {
    const label = { sv: 'Tolk närvarande', en: 'Interpreter present' };
    const c = addChecklistItem('mv', label)(config());
    expect(c.stations[0]!.checklist.at(-1)!.id).toBe('interpreter-present-2');
    expect(valid(c)).toBe(true);
  });
});

describe('desk operations', () => {
  it('adds a numbered desk at a station, renames, moves and removes it', () => {
    const before = config();
    const desk = newDesk(before, 'af', 'Arbetsförmedlingen');
    expect(desk).toEqual({ id: 'af-3', name: 'Arbetsförmedlingen 3', stationId: 'af' });
    let c = addDesk(desk)(before);
    expect(valid(c)).toBe(true);
    c = renameDesk('af-3', 'AF 3 (tolkrum)')(c);
    expect(c.desks.find((d) => d.id === 'af-3')!.name).toBe('AF 3 (tolkrum)');
    c = moveDesk('af-3', 'kommun')(c);
    expect(c.desks.find((d) => d.id === 'af-3')!.stationId).toBe('kommun');
    c = removeDesk('af-3')(c);
    expect(c.desks).toEqual(before.desks);
  });
});

describe('chain operations', () => {
  it('moves a station up and down, and not past the ends', () => {
    const c = moveInChain('skv-fk', -1)(config());
    expect(c.chain).toEqual(['mv', 'skv-fk', 'af', 'kommun']);
    expect(moveInChain('mv', -1)(c).chain).toEqual(c.chain);
    expect(moveInChain('kommun', 1)(c).chain).toEqual(c.chain);
    expect(moveInChain('kommun', -3)(c).chain).toEqual(['kommun', 'mv', 'skv-fk', 'af']);
  });

  it('takes a station out of the chain and puts it back at the end, once', () => {
    const out = removeFromChain('af')(config());
    expect(out.chain).toEqual(['mv', 'skv-fk', 'kommun']);
    const back = addToChain('af')(out);
    expect(back.chain).toEqual(['mv', 'skv-fk', 'kommun', 'af']);
    expect(addToChain('af')(back)).toBe(back);
  });
});

describe('languages, hours, rules and retention', () => {
  it('offers and withdraws visitor languages, keeping the kiosk order', () => {
    const c = setLanguage('uk', false)(config());
    expect(c.languages).not.toContain('uk');
    expect(setLanguage('uk', true)(c).languages.at(-1)).toBe('uk');
    expect(setLanguage('sv', true)(c)).toEqual(c);
    expect(moveLanguage('en', -1)(c).languages.slice(0, 2)).toEqual(['en', 'sv']);
  });

  it('adds interpreter languages once, lower-cased, and removes them', () => {
    const c = addInterpreterLanguage(' KMR ')(config());
    expect(c.interpreterLanguages.at(-1)).toBe('kmr');
    expect(addInterpreterLanguage('kmr')(c)).toBe(c);
    expect(removeInterpreterLanguage('kmr')(c).interpreterLanguages).toEqual(config().interpreterLanguages);
  });

  it('opens a closed day with the hours of the nearest open day before it', () => {
    const c = config();
    expect(reopenDay(c, 'sat')).toEqual(c.openingHours.fri);
    expect(reopenDay(setOpening('mon', null)(c), 'mon')).toEqual({ open: '08:30', close: '16:00' });
    expect(setOpening('sat', { open: '10:00', close: '13:00' })(c).openingHours.sat).toEqual({
      open: '10:00',
      close: '13:00',
    });
  });

  it('switches queue rules and sets plain fields', () => {
    const c = setQueueRule('dueBookingsFirst', false)(setField('waitWarningMinutes', 20)(config()));
    expect(c.queueRules.dueBookingsFirst).toBe(false);
    expect(c.queueRules.handedOverFirst).toBe(true);
    expect(c.waitWarningMinutes).toBe(20);
  });

  it('edits retention overrides; only notes keep an agency', () => {
    let c = addRetentionOverride()(config());
    expect(c.retention.overrides).toEqual([{ dataClass: 'notes', agency: null, days: 30 }]);
    c = updateRetentionOverride(0, { agency: 'AF', days: 90 })(c);
    expect(c.retention.overrides[0]).toEqual({ dataClass: 'notes', agency: 'AF', days: 90 });
    expect(valid(c)).toBe(true);
    c = updateRetentionOverride(0, { dataClass: 'booking_refs' })(c);
    expect(c.retention.overrides[0]).toEqual({ dataClass: 'booking_refs', agency: null, days: 90 });
    expect(removeRetentionOverride(0)(c).retention.overrides).toEqual([]);
  });
});

describe('validateConfig', () => {
  it('passes the demo office and returns what to send, trimmed', () => {
    const checked = validateConfig(setField('name', '  Mötesplats Borlänge  ')(config()));
    expect(checked.ok && checked.config.name).toBe('Mötesplats Borlänge');
  });

  it('names each fault by its field path, as catalogue keys', () => {
    let c = updateStation('af', { name: '' })(config());
    c = renameDesk('mv-1', 'x'.repeat(61))(c);
    c = setField('noShowRecallLimit', NaN)(c);
    c = setField('recallPauseSeconds', 1.5)(c);
    c = setField('waitWarningMinutes', 0)(c);
    c = setField('languages', [])(c);
    c = setOpening('mon', { open: '8.30', close: '16:00' })(c);
    c = addInterpreterLanguage('Kurdish')(c);
    const checked = validateConfig(c);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const byPath = Object.fromEntries(checked.errors.map((e) => [e.path, e]));
    expect(byPath['stations.1.name']).toEqual({ path: 'stations.1.name', key: 'required' });
    expect(byPath['desks.0.name']).toMatchObject({ key: 'maxLength', values: { max: 60 } });
    expect(byPath['noShowRecallLimit']!.key).toBe('number');
    expect(byPath['recallPauseSeconds']!.key).toBe('wholeNumber');
    expect(byPath['waitWarningMinutes']).toMatchObject({ key: 'min', values: { min: 1 } });
    expect(byPath['languages']).toMatchObject({ key: 'atLeast', values: { count: 1 } });
    expect(byPath['openingHours.mon.open']!.key).toBe('time');
    expect(byPath[`interpreterLanguages.${config().interpreterLanguages.length}`]!.key).toBe('format');
  });

  it('names the cross-field faults once the fields themselves are right', () => {
    let c = addDesk({ id: 'mv-1', name: 'Dubblett', stationId: 'nowhere' })(config());
    c = setField('chain', ['mv', 'af', 'mv'])(c);
    c = setField('ticketPrefixes', { booked: 'W', walkIn: 'W' })(c);
    const checked = validateConfig(c);
    if (checked.ok) throw new Error('expected faults');
    expect(checked.errors.map((e) => [e.path, e.key])).toEqual(
      expect.arrayContaining([
        ['desks.8.id', 'duplicateId'],
        ['desks.8.stationId', 'noStation'],
        ['chain.2', 'twiceInChain'],
        ['ticketPrefixes', 'samePrefixes'],
      ]),
    );
  });

  it('maps issues it does not know to a general fault', () => {
    expect(fieldError({ code: 'unrecognized_keys', path: ['x'], message: '?' })).toEqual({
      path: 'x',
      key: 'invalid',
    });
    expect(
      fieldError({ code: 'too_big', origin: 'array', maximum: 20, path: ['stations'], message: '' }),
    ).toEqual({
      path: 'stations',
      key: 'atMost',
      values: { count: 20 },
    });
  });
});

describe('the draft beside the live config', () => {
  it('follows the live config while it has no edits', () => {
    const live = config();
    const draft = startDraft(live);
    expect(isDirty(draft)).toBe(false);
    const changed = setField('waitWarningMinutes', 25)(live);
    expect(followLive(draft, changed)).toEqual(startDraft(changed));
    expect(followLive(null, live)).toEqual(draft);
  });

  it('keeps edits when the live config changes underneath, and says so', () => {
    const live = config();
    const draft = { base: live, edited: renameDesk('mv-1', 'MV ett')(live) };
    const changed = setField('waitWarningMinutes', 25)(live);
    expect(followLive(draft, changed)).toBe(draft);
    expect(isStale(draft, live)).toBe(false);
    expect(isStale(draft, changed)).toBe(true);
    expect(changedSections(draft.base, changed)).toEqual(['waitWarningMinutes']);
  });

  it('takes in the other changes where the draft left things alone, and names the parts both changed', () => {
    const live = config();
    const draft = {
      base: live,
      edited: setField('waitWarningMinutes', 40)(renameDesk('mv-1', 'MV ett')(live)),
    };
    const elsewhere = setField('waitWarningMinutes', 25)(setField('recallPauseSeconds', 30)(live));
    const { draft: rebased, conflicts } = rebase(draft, elsewhere);
    expect(rebased.base).toBe(elsewhere);
    expect(rebased.edited.recallPauseSeconds).toBe(30);
    expect(rebased.edited.desks[0]!.name).toBe('MV ett');
    expect(rebased.edited.waitWarningMinutes).toBe(40);
    expect(conflicts).toEqual(['waitWarningMinutes']);
    expect(isStale(rebased, elsewhere)).toBe(false);
  });

  it('compares configs regardless of key order', () => {
    const c = config();
    const reordered = Object.fromEntries(Object.entries(c).reverse()) as OfficeConfig;
    expect(sameConfig(c, reordered)).toBe(true);
    expect(sameConfig(c, setField('name', 'x')(c))).toBe(false);
  });
});

describe('conflictItems', () => {
  it('names the stations and desks of a CONFIG_CONFLICT from the live state, with who is signed in', () => {
    const o = new DomainDriver();
    o.signIn('mv-1', 'Anna Berg');
    expect(conflictItems({ stations: ['af'], desks: ['mv-1', 'mv-2', 'gone'] }, o.state)).toEqual({
      stations: ['Arbetsförmedlingen'],
      desks: [
        { name: config().desks[0]!.name, station: 'Migrationsverket', officer: 'Anna Berg' },
        { name: config().desks[1]!.name, station: 'Migrationsverket', officer: null },
        { name: 'gone', station: '', officer: null },
      ],
    });
  });

  it('reads details it cannot use as nothing', () => {
    const o = new DomainDriver();
    expect(conflictItems(undefined, o.state)).toEqual({ stations: [], desks: [] });
    expect(conflictItems({ stations: 'af', desks: [3] }, o.state)).toEqual({ stations: [], desks: [] });
  });
});
