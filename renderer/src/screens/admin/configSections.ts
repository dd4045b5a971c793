import type { Section } from './configDraft.js';

/** The editor's parts, in the order shown, and which parts of the config each holds. */
export const EDITOR_SECTIONS = [
  'general',
  'stations',
  'desks',
  'chain',
  'languages',
  'hours',
  'calling',
  'officers',
  'retention',
] as const;
export type EditorSection = (typeof EDITOR_SECTIONS)[number];

const HOLDS: Record<Section, EditorSection> = {
  name: 'general',
  timeZone: 'general',
  ticketPrefixes: 'calling',
  stations: 'stations',
  desks: 'desks',
  chain: 'chain',
  languages: 'languages',
  interpreterLanguages: 'languages',
  openingHours: 'hours',
  noShowRecallLimit: 'calling',
  recallPauseSeconds: 'calling',
  queueRules: 'calling',
  waitWarningMinutes: 'calling',
  requireOfficerPin: 'officers',
  retention: 'retention',
};

export const editorSectionOf = (key: Section): EditorSection => HOLDS[key] ?? 'general';

export const sectionAnchor = (section: EditorSection): string => `cfg-section-${section}`;

/** The editor sections that config parts fall into, each once, in the editor's order. */
export function editorSections(keys: readonly Section[]): EditorSection[] {
  const wanted = new Set(keys.map(editorSectionOf));
  return EDITOR_SECTIONS.filter((s) => wanted.has(s));
}
