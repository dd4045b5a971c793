import { writeFileSync } from 'node:fs';
import type { Mode } from './config.js';
import type { Machine } from './machine.js';
import { round } from './lib/stats.js';

/** One measured figure, with what it is compared with in the same run. */
export interface Figure {
  /** Stable, for the results file and the tests: `latency.n200.r100.p99`. */
  readonly id: string;
  readonly label: string;
  readonly value: number | null;
  readonly unit: string;
  /** The same figure for a baseline measured in the same run, by the baseline's name. */
  readonly baselines?: Readonly<Record<string, { readonly value: number | null; readonly unit: string }>>;
  /** value ÷ baseline, by the baseline's name. */
  readonly ratios?: Readonly<Record<string, number | null>>;
  /**
   * The smallest and largest of the ratios a ratio above is the median of (one per round), by
   * the baseline's name: how far apart the rounds were.
   */
  readonly spreads?: Readonly<Record<string, Spread>>;
  readonly note?: string;
}

export interface Spread {
  readonly min: number | null;
  readonly max: number | null;
}

export interface PartResult {
  readonly figures: Figure[];
  /** Anything else worth keeping: sizes, counts, per-run breakdowns. */
  readonly details?: Record<string, unknown>;
}

export interface Goal {
  readonly goal: string;
  readonly measured: string;
  /** null: not measured in this run. */
  readonly met: boolean | null;
}

export interface Results {
  readonly suite: 'motesplats-bench';
  readonly mode: Mode;
  readonly startedAt: string;
  readonly seconds: number;
  readonly machine: Machine;
  readonly parts: Record<string, PartResult | { readonly error: string }>;
  readonly goals: Goal[];
  /** Figures every run must write; a name here means the run is incomplete. */
  readonly missing: string[];
}

export const ratio = (a: number | null, b: number | null): number | null =>
  a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0 ? null : round(a / b);

export function figure(
  id: string,
  label: string,
  value: number | null,
  unit: string,
  extra: Omit<Figure, 'id' | 'label' | 'value' | 'unit'> = {},
): Figure {
  const known = (v: number | null) => (v === null || !Number.isFinite(v) ? null : round(v));
  const baselines =
    extra.baselines &&
    Object.fromEntries(
      Object.entries(extra.baselines).map(([name, b]) => [name, { value: known(b.value), unit: b.unit }]),
    );
  const spreads =
    extra.spreads &&
    Object.fromEntries(
      Object.entries(extra.spreads).map(([name, s]) => [name, { min: known(s.min), max: known(s.max) }]),
    );
  return {
    id,
    label,
    value: known(value),
    unit,
    ...extra,
    ...(baselines && { baselines }),
    ...(spreads && { spreads }),
  };
}

function show(value: number | null, unit: string): string {
  if (value === null || Number.isNaN(value)) return '—';
  const text = Math.abs(value) >= 1000 ? Math.round(value).toLocaleString('en-US') : String(round(value));
  return unit ? `${text} ${unit}` : text;
}

/** The table printed at the end of a run, and recorded in BENCHMARKS.md. */
export function table(results: Results): string {
  const rows: string[][] = [['part', 'figure', 'measured', 'baselines', 'ratio']];
  for (const [part, result] of Object.entries(results.parts)) {
    if ('error' in result) {
      rows.push([part, 'FAILED', result.error.split('\n')[0]!.slice(0, 100), '', '']);
      continue;
    }
    for (const f of result.figures) {
      const baselines = Object.entries(f.baselines ?? {})
        .map(([name, b]) => `${name} ${show(b.value, b.unit)}`)
        .join(', ');
      const spread = (name: string) => {
        const s = f.spreads?.[name];
        return s && s.min !== null && s.max !== null ? ` (${show(s.min, '')}–${show(s.max, '×')})` : '';
      };
      const ratios = Object.entries(f.ratios ?? {})
        .map(
          ([name, r]) =>
            `${show(r, '×')}${spread(name)}${Object.keys(f.ratios ?? {}).length > 1 ? ` ${name}` : ''}`,
        )
        .join(', ');
      rows.push([part, f.label, show(f.value, f.unit), baselines, ratios]);
    }
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  return [
    line(rows[0]!),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

export function goalsTable(goals: readonly Goal[]): string {
  const mark = (met: boolean | null) => (met === null ? 'not measured' : met ? 'met' : 'NOT MET');
  return [
    '| goal | measured | |',
    '|---|---|---|',
    ...goals.map((g) => `| ${g.goal} | ${g.measured} | ${mark(g.met)} |`),
  ].join('\n');
}

export function writeResults(file: string, results: Results): void {
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
}
