import type { OfficeStore } from '../../../server/store/store.js';
import type { OfficeConfig } from '../../../shared/office.js';
import { rng } from '../../helpers/rng.js';
import { at } from './calendar.js';
import { newDevices, OfficeSimulator } from './simulate.js';
import { HistoryWriter } from './writer.js';

/** A day already under way when the server starts: `visits` households, as they stand at `until`. */
export interface Today {
  readonly day: string;
  readonly visits: number;
  /** The time of day (`HH:MM`) the office stands at, and the server's clock starts from. */
  readonly until: string;
  readonly seed: number;
}

/** What the day holds at the cut. */
export interface TodayInfo {
  readonly visits: number;
  readonly ended: number;
  readonly waiting: number;
  readonly atDesks: number;
  readonly events: number;
}

/**
 * Writes today into a new database, before the server opens it: the history's simulator (the
 * real `decide` and `apply`, a household at a time) cut at `until`, and the history's writer
 * (the event log and the projection's rows, through the store's own row mappers), so that the
 * server loads the day as it would after a restart at that time. Nothing is erased: it is today.
 */
export function writeToday(store: OfficeStore, config: OfficeConfig, today: Today): TodayInfo {
  const { day } = today;
  store.seed(config, day, at(day, '00:00'));
  const devices = newDevices(config);
  const writer = new HistoryWriter(store.db, { personalBefore: day, tokensBefore: day, commandsFrom: day });
  writer.writeDevices(devices, at(day, '07:00'));
  const simulator = new OfficeSimulator(config, devices, rng(today.seed), day);
  const batch = simulator.runDay(day, today.visits, at(day, today.until));
  writer.writeDay(batch);
  const open = batch.visits.filter((v) => v.visit.status === 'active').map((v) => v.visit);
  const stepOf = (v: (typeof open)[number]) => v.steps[v.current ?? 0]?.status;
  return {
    visits: batch.visits.length,
    ended: batch.visits.length - open.length,
    waiting: open.filter((v) => stepOf(v) === 'waiting').length,
    atDesks: open.filter((v) => stepOf(v) === 'called' || stepOf(v) === 'serving').length,
    events: writer.events,
  };
}
