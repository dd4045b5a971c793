import {
  OfficeConfigSchema,
  WEEKDAYS,
  type Desk,
  type Label,
  type OfficeConfig,
  type QueueRules,
  type Retention,
  type Station,
  type StationRule,
} from '../../../../shared/office.js';
import type { VisitorLanguage } from '../../../../shared/languages.js';
import type { OfficeState } from '../../../../shared/state.js';

/**
 * The configuration editor's pure half: the draft the coordinator edits beside the live
 * config, the editing operations (each a function from config to config), and validation with
 * the protocol's own schema, its issues turned into translatable messages by field path.
 */

export type ConfigOp = (config: OfficeConfig) => OfficeConfig;
export type Weekday = (typeof WEEKDAYS)[number];
type Opening = OfficeConfig['openingHours'][Weekday];
type Override = Retention['overrides'][number];

// ---------------------------------------------------------------------------------------------
// The draft beside the live config
// ---------------------------------------------------------------------------------------------

export interface Draft {
  /** The live config as it was when the draft was started (or last rebased). */
  readonly base: OfficeConfig;
  readonly edited: OfficeConfig;
}

/** JSON with object keys sorted: the same config compares equal whichever way it was built. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export const sameConfig = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

export const startDraft = (live: OfficeConfig): Draft => ({ base: live, edited: live });

export const isDirty = (draft: Draft): boolean => !sameConfig(draft.base, draft.edited);

/** The live config changed: a clean draft follows it; one with edits keeps them (see `isStale`). */
export function followLive(draft: Draft | null, live: OfficeConfig): Draft {
  if (!draft || !isDirty(draft)) return startDraft(live);
  return draft;
}

/** The draft has edits and the live config has moved on since it was started. */
export const isStale = (draft: Draft, live: OfficeConfig): boolean =>
  isDirty(draft) && !sameConfig(draft.base, live);

export type Section = keyof OfficeConfig;

/** Top-level parts of the config that differ between two versions. */
export function changedSections(a: OfficeConfig, b: OfficeConfig): Section[] {
  return (Object.keys(b) as Section[]).filter((key) => !sameConfig(a[key], b[key]));
}

/**
 * Takes in what changed elsewhere without losing the coordinator's edits: each part of the
 * config the draft left alone becomes the live one; a part both changed keeps the draft's
 * version and is named as a conflict.
 */
export function rebase(draft: Draft, live: OfficeConfig): { draft: Draft; conflicts: Section[] } {
  const edited: Record<string, unknown> = { ...live };
  const conflicts: Section[] = [];
  for (const key of Object.keys(live) as Section[]) {
    const mine = !sameConfig(draft.edited[key], draft.base[key]);
    if (!mine) continue;
    edited[key] = draft.edited[key];
    if (!sameConfig(live[key], draft.base[key])) conflicts.push(key);
  }
  return { draft: { base: live, edited: edited as OfficeConfig }, conflicts };
}

// ---------------------------------------------------------------------------------------------
// Ids
// ---------------------------------------------------------------------------------------------

/** Letters that do not decompose into a base letter and a mark. */
const FOLD: Record<string, string> = { æ: 'ae', ø: 'o', ß: 'ss' };

/**
 * A new id from a name ("AF 3" → "af-3"), unique among `taken`. Ids are kept when things are
 * renamed: devices, visits and the event log refer to them.
 */
export function uniqueSlug(text: string, taken: Iterable<string>, fallback: string): string {
  const base =
    text
      .toLowerCase()
      .replace(/[æøß]/g, (c) => FOLD[c] ?? c)
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 34)
      .replace(/-+$/, '') || fallback;
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------

function move<T>(items: readonly T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (index < 0 || to < 0 || to >= items.length) return [...items];
  const copy = [...items];
  const [item] = copy.splice(index, 1);
  copy.splice(to, 0, item!);
  return copy;
}

const mapStation =
  (stationId: string, change: (s: Station) => Station): ConfigOp =>
  (c) => ({ ...c, stations: c.stations.map((s) => (s.id === stationId ? change(s) : s)) });

export const setField =
  <K extends Section>(key: K, value: OfficeConfig[K]): ConfigOp =>
  (c) => ({ ...c, [key]: value });

export const updateStation = (stationId: string, patch: Partial<Omit<Station, 'id'>>): ConfigOp =>
  mapStation(stationId, (s) => ({ ...s, ...patch }));

/** A new station, at the end of the chain; its id comes from its name. */
export function addStation(name: string): { op: ConfigOp; id: (c: OfficeConfig) => string } {
  const id = (c: OfficeConfig) =>
    uniqueSlug(
      name,
      c.stations.map((s) => s.id),
      'station',
    );
  return {
    id,
    op: (c) => {
      const stationId = id(c);
      const station: Station = {
        id: stationId,
        name,
        agency: 'OTHER',
        checklist: [],
        defaultServiceMinutes: 20,
        rule: null,
      };
      return { ...c, stations: [...c.stations, station], chain: [...c.chain, stationId] };
    },
  };
}

/** Removes a station and its place in the chain; a station with desks keeps them (the editor asks to move them first). */
export const removeStation =
  (stationId: string): ConfigOp =>
  (c) => ({
    ...c,
    stations: c.stations.filter((s) => s.id !== stationId),
    chain: c.chain.filter((id) => id !== stationId),
  });

export const setStationRule = (stationId: string, rule: StationRule | null): ConfigOp =>
  mapStation(stationId, (s) => ({ ...s, rule }));

/** The rule Arbetsförmedlingen's establishment programme uses, as a starting point. */
export const DEFAULT_RULE: StationRule = {
  kind: 'adult_age',
  minAge: 20,
  maxAge: 64,
  withoutParentsFromAge: null,
  whenUnknown: 'keep',
};

export function addChecklistItem(stationId: string, label: Label): ConfigOp {
  return mapStation(stationId, (s) => ({
    ...s,
    checklist: [
      ...s.checklist,
      {
        id: uniqueSlug(
          label.en || label.sv,
          s.checklist.map((i) => i.id),
          'item',
        ),
        label,
      },
    ],
  }));
}

export const updateChecklistItem = (stationId: string, itemId: string, label: Label): ConfigOp =>
  mapStation(stationId, (s) => ({
    ...s,
    checklist: s.checklist.map((i) => (i.id === itemId ? { ...i, label } : i)),
  }));

export const removeChecklistItem = (stationId: string, itemId: string): ConfigOp =>
  mapStation(stationId, (s) => ({ ...s, checklist: s.checklist.filter((i) => i.id !== itemId) }));

export const moveChecklistItem = (stationId: string, itemId: string, delta: number): ConfigOp =>
  mapStation(stationId, (s) => ({
    ...s,
    checklist: move(
      s.checklist,
      s.checklist.findIndex((i) => i.id === itemId),
      delta,
    ),
  }));

/** A new desk at a station, named after it and numbered ("Arbetsförmedlingen 3"). */
export function newDesk(c: OfficeConfig, stationId: string, stationName: string): Desk {
  const count = c.desks.filter((d) => d.stationId === stationId).length;
  const name = `${stationName} ${count + 1}`.slice(0, 60);
  return {
    id: uniqueSlug(
      `${stationId}-${count + 1}`,
      c.desks.map((d) => d.id),
      'desk',
    ),
    name,
    stationId,
  };
}

export const addDesk =
  (desk: Desk): ConfigOp =>
  (c) => ({ ...c, desks: [...c.desks, desk] });

const mapDesk =
  (deskId: string, change: (d: Desk) => Desk): ConfigOp =>
  (c) => ({ ...c, desks: c.desks.map((d) => (d.id === deskId ? change(d) : d)) });

export const renameDesk = (deskId: string, name: string): ConfigOp =>
  mapDesk(deskId, (d) => ({ ...d, name }));

export const moveDesk = (deskId: string, stationId: string): ConfigOp =>
  mapDesk(deskId, (d) => ({ ...d, stationId }));

export const removeDesk =
  (deskId: string): ConfigOp =>
  (c) => ({ ...c, desks: c.desks.filter((d) => d.id !== deskId) });

export const moveInChain =
  (stationId: string, delta: number): ConfigOp =>
  (c) => ({ ...c, chain: move(c.chain, c.chain.indexOf(stationId), delta) });

export const removeFromChain =
  (stationId: string): ConfigOp =>
  (c) => ({ ...c, chain: c.chain.filter((id) => id !== stationId) });

export const addToChain =
  (stationId: string): ConfigOp =>
  (c) =>
    c.chain.includes(stationId) ? c : { ...c, chain: [...c.chain, stationId] };

/** Offers a language (at the end of the kiosk's list) or stops offering it. */
export const setLanguage =
  (language: VisitorLanguage, offered: boolean): ConfigOp =>
  (c) => ({
    ...c,
    languages: offered
      ? c.languages.includes(language)
        ? c.languages
        : [...c.languages, language]
      : c.languages.filter((l) => l !== language),
  });

export const moveLanguage =
  (language: VisitorLanguage, delta: number): ConfigOp =>
  (c) => ({ ...c, languages: move(c.languages, c.languages.indexOf(language), delta) });

export const addInterpreterLanguage =
  (code: string): ConfigOp =>
  (c) => {
    const clean = code.trim().toLowerCase();
    return c.interpreterLanguages.includes(clean)
      ? c
      : { ...c, interpreterLanguages: [...c.interpreterLanguages, clean] };
  };

export const removeInterpreterLanguage =
  (code: string): ConfigOp =>
  (c) => ({ ...c, interpreterLanguages: c.interpreterLanguages.filter((l) => l !== code) });

export const setOpening =
  (day: Weekday, opening: Opening): ConfigOp =>
  (c) => ({ ...c, openingHours: { ...c.openingHours, [day]: opening } });

/** Opening a closed day takes the hours of the nearest open day before it (or office hours). */
export function reopenDay(c: OfficeConfig, day: Weekday): NonNullable<Opening> {
  const index = WEEKDAYS.indexOf(day);
  for (let i = index - 1; i >= 0; i--) {
    const hours = c.openingHours[WEEKDAYS[i]!];
    if (hours) return hours;
  }
  return { open: '08:30', close: '16:00' };
}

export const setQueueRule =
  <K extends keyof QueueRules>(key: K, value: QueueRules[K]): ConfigOp =>
  (c) => ({ ...c, queueRules: { ...c.queueRules, [key]: value } });

export const setRetentionDays =
  (days: number): ConfigOp =>
  (c) => ({ ...c, retention: { ...c.retention, days } });

export const addRetentionOverride = (): ConfigOp => (c) => ({
  ...c,
  retention: {
    ...c.retention,
    overrides: [...c.retention.overrides, { dataClass: 'notes', agency: null, days: c.retention.days }],
  },
});

export const updateRetentionOverride =
  (index: number, patch: Partial<Override>): ConfigOp =>
  (c) => ({
    ...c,
    retention: {
      ...c.retention,
      overrides: c.retention.overrides.map((o, i) => {
        if (i !== index) return o;
        const next = { ...o, ...patch };
        // Only notes belong to an agency.
        return next.dataClass === 'notes' ? next : { ...next, agency: null };
      }),
    },
  });

export const removeRetentionOverride =
  (index: number): ConfigOp =>
  (c) => ({
    ...c,
    retention: { ...c.retention, overrides: c.retention.overrides.filter((_, i) => i !== index) },
  });

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/** A field's fault as a key of the `admin` catalogue (under `validation.`) and its values. */
export interface FieldError {
  readonly path: string;
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

export type Validated = { ok: true; config: OfficeConfig } | { ok: false; errors: FieldError[] };

interface IssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly origin?: string;
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly expected?: string;
  readonly received?: string;
}

const CUSTOM: Record<string, string> = {
  'duplicate station id': 'duplicateId',
  'duplicate item id': 'duplicateId',
  'duplicate desk id': 'duplicateId',
  'station twice in the chain': 'twiceInChain',
  'only notes belong to an agency': 'agencyOnlyForNotes',
  'booked and walk-in need different prefixes': 'samePrefixes',
};

export function fieldError(issue: IssueLike): FieldError {
  const path = issue.path.map(String).join('.');
  const num = (v: number | bigint | undefined) => Number(v ?? 0);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return { path, key: 'required' };
      if (issue.origin === 'array') return { path, key: 'atLeast', values: { count: num(issue.minimum) } };
      return { path, key: 'min', values: { min: num(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { path, key: 'maxLength', values: { max: num(issue.maximum) } };
      if (issue.origin === 'array') return { path, key: 'atMost', values: { count: num(issue.maximum) } };
      return { path, key: 'max', values: { max: num(issue.maximum) } };
    case 'invalid_type':
      return { path, key: issue.expected === 'int' || issue.received !== 'NaN' ? 'wholeNumber' : 'number' };
    case 'invalid_format':
      return { path, key: path.endsWith('.open') || path.endsWith('.close') ? 'time' : 'format' };
    case 'custom':
      if (issue.message.startsWith('no station')) return { path, key: 'noStation' };
      return { path, key: CUSTOM[issue.message] ?? 'invalid' };
    default:
      return { path, key: 'invalid' };
  }
}

/** Checks the draft with the schema the server uses; on success returns what to send (trimmed). */
export function validateConfig(config: OfficeConfig): Validated {
  const parsed = OfficeConfigSchema.safeParse(config);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, errors: parsed.error.issues.map(fieldError) };
}

/** The part of the editor a field path belongs to, for the error summary's links. */
export const sectionOf = (path: string): Section => path.split('.')[0] as Section;

// ---------------------------------------------------------------------------------------------
// The server's refusal
// ---------------------------------------------------------------------------------------------

export interface ConflictItems {
  readonly stations: readonly string[];
  readonly desks: readonly {
    readonly name: string;
    readonly station: string;
    /** The officer signed in there, when that is what holds the desk (else a visitor does). */
    readonly officer: string | null;
  }[];
}

/**
 * CONFIG_CONFLICT's details by name: stations that visits still have to pass, and desks where an
 * officer is signed in or a visitor is held or headed. Names come from the live state, since
 * the draft may have removed them.
 */
export function conflictItems(details: unknown, live: OfficeState): ConflictItems {
  const d = (details ?? {}) as { stations?: unknown; desks?: unknown };
  const ids = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const { config } = live;
  const stationName = (id: string) => config.stations.find((s) => s.id === id)?.name ?? id;
  return {
    stations: ids(d.stations).map(stationName),
    desks: ids(d.desks).map((id) => {
      const desk = config.desks.find((x) => x.id === id);
      return {
        name: desk?.name ?? id,
        station: desk ? stationName(desk.stationId) : '',
        officer: live.desks[id]?.officer ?? null,
      };
    }),
  };
}
