import { VISITOR_LANGUAGES, type VisitorLanguage } from '../../../../shared/languages.js';
import type { StatusView } from '../../../../shared/views.js';

/**
 * What the status page makes of a visitor's StatusView: pure, so it is tested without a
 * browser. The page shows only this; the view itself carries nothing about anyone else.
 */

export type Phase = 'waiting' | 'called' | 'serving' | 'parked' | 'missed' | 'registered' | 'cancelled';

export function phase(view: StatusView): Phase {
  if (view.status === 'registered') return 'registered';
  if (view.status === 'cancelled') return 'cancelled';
  switch (view.current?.status) {
    case 'called':
      return 'called';
    case 'serving':
      return 'serving';
    case 'parked':
      return 'parked';
    case 'no_show':
      return 'missed';
    default:
      return 'waiting';
  }
}

export type StepMark = 'done' | 'current' | 'left' | 'skipped' | 'missed';

/** How each step is marked in the list: a symbol and a word, never colour alone. */
export function stepMark(step: StatusView['steps'][number], isCurrent: boolean): StepMark {
  if (step.status === 'done') return 'done';
  if (step.status === 'skipped') return 'skipped';
  if (isCurrent) return 'current';
  if (step.status === 'no_show') return 'missed';
  return 'left';
}

export const MARK_SYMBOL: Record<StepMark, string> = {
  done: '✓',
  current: '➜',
  left: '○',
  skipped: '–',
  missed: '!',
};

export function currentIndex(view: StatusView): number {
  if (!view.current || view.status !== 'active') return -1;
  return view.steps.findIndex((s) => s.stationId === view.current!.stationId);
}

/** Meetings still to come, the current one included. */
export function stepsLeft(view: StatusView): number {
  if (view.status !== 'active') return 0;
  return view.steps.filter((s) => s.status !== 'done' && s.status !== 'skipped').length;
}

export function stepsDone(view: StatusView): number {
  return view.steps.filter((s) => s.status === 'done').length;
}

/**
 * Until the ticket's own language is known (or when the ticket is unknown), speak the phone's
 * language if it is one of ours. Dari phones say fa-AF; English is the last resort.
 */
export function guessLanguage(preferred: readonly string[]): VisitorLanguage {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower === 'prs' || lower.startsWith('prs-') || lower === 'fa-af') return 'prs';
    const base = lower.split('-')[0]!;
    if ((VISITOR_LANGUAGES as readonly string[]).includes(base)) return base as VisitorLanguage;
  }
  return 'en';
}

/** The token in `/status/<token>`, as the router accepted it. */
export function statusTokenFromPath(pathname: string): string | null {
  return /^\/status\/([A-Za-z0-9_-]{16,64})\/?$/.exec(pathname)?.[1] ?? null;
}

/** The browser tab's title: the ticket, and "Go to …" once called, visible from another tab. */
export function documentTitle(
  view: StatusView,
  t: (key: string, options: Record<string, string>) => string,
): string {
  const desk = view.current?.deskName;
  if (phase(view) === 'called' && desk) return t('tabCalled', { ticket: view.ticket, desk });
  return t('tab', { ticket: view.ticket });
}
