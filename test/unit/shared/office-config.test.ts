import { describe, expect, it } from 'vitest';
import {
  agencyOfDesk,
  deskOf,
  OfficeConfigSchema,
  stationOf,
  type OfficeConfig,
} from '../../../shared/office.js';
import { demoOffice } from '../../../server/office/demo.js';

/** The issues the schema raises, as path and message. */
function issues(config: unknown) {
  const parsed = OfficeConfigSchema.safeParse(config);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
}

const demo = demoOffice();
const change = (fn: (c: OfficeConfig) => Partial<OfficeConfig>) => ({ ...demo, ...fn(demo) });

describe('the demo office', () => {
  it('is a valid office config', () => {
    expect(issues(demo)).toEqual([]);
    expect(OfficeConfigSchema.parse(demo)).toEqual(demo);
  });

  it('runs the four meetings of a Mötesplats with two desks each', () => {
    expect(demo.chain).toEqual(['mv', 'af', 'skv-fk', 'kommun']);
    expect(demo.stations.map((s) => s.agency)).toEqual(['MV', 'AF', 'SKV_FK', 'KOMMUN']);
    expect(demo.desks.map((d) => d.id)).toEqual([
      'mv-1',
      'mv-2',
      'af-1',
      'af-2',
      'skv-fk-1',
      'skv-fk-2',
      'kommun-1',
      'kommun-2',
    ]);
    expect(demo.ticketPrefixes).toEqual({ booked: 'B', walkIn: 'W' });
    expect(demo.noShowRecallLimit).toBe(2);
  });
});

describe('OfficeConfigSchema cross-checks', () => {
  it('names a duplicate station id', () => {
    expect(
      issues(change((c) => ({ stations: [...c.stations, { ...c.stations[1]!, name: 'AF again' }] }))),
    ).toEqual([{ path: ['stations', 4, 'id'], message: 'duplicate station id' }]);
  });

  it('names a duplicate checklist item within a station, not across stations', () => {
    const [mv, ...rest] = demo.stations;
    const dup = {
      ...mv!,
      checklist: [...mv!.checklist, { ...mv!.checklist[0]!, label: { sv: 'x', en: 'x' } }],
    };
    expect(issues({ ...demo, stations: [dup, ...rest] })).toEqual([
      { path: ['stations', 0, 'checklist', 3, 'id'], message: 'duplicate item id' },
    ]);
    const shared = { ...rest[0]!, checklist: [...rest[0]!.checklist, mv!.checklist[0]!] };
    expect(issues({ ...demo, stations: [mv, shared, ...rest.slice(1)] })).toEqual([]);
  });

  it('names a duplicate desk id', () => {
    expect(issues(change((c) => ({ desks: [...c.desks, { ...c.desks[0]!, name: 'Another' }] })))).toEqual([
      { path: ['desks', 8, 'id'], message: 'duplicate desk id' },
    ]);
  });

  it('names a desk of an unknown station', () => {
    expect(
      issues(change((c) => ({ desks: [...c.desks, { id: 'pm-1', name: 'Polisen 1', stationId: 'pm' }] }))),
    ).toEqual([{ path: ['desks', 8, 'stationId'], message: 'no station "pm"' }]);
  });

  it('names an unknown station in the chain', () => {
    expect(issues(change((c) => ({ chain: [...c.chain, 'pm'] })))).toEqual([
      { path: ['chain', 4], message: 'no station "pm"' },
    ]);
  });

  it('names a station twice in the chain', () => {
    expect(issues(change(() => ({ chain: ['mv', 'af', 'mv', 'kommun'] })))).toEqual([
      { path: ['chain', 2], message: 'station twice in the chain' },
    ]);
  });

  it('allows a chain that leaves a station out or runs in another order', () => {
    expect(issues(change(() => ({ chain: ['mv', 'skv-fk', 'af'] })))).toEqual([]);
  });

  it('needs different ticket prefixes for booked and walk-in', () => {
    expect(issues(change(() => ({ ticketPrefixes: { booked: 'A', walkIn: 'A' } })))).toEqual([
      { path: ['ticketPrefixes'], message: 'booked and walk-in need different prefixes' },
    ]);
  });

  it('names every problem at once', () => {
    const bad = change((c) => ({
      desks: [...c.desks, { ...c.desks[0]! }],
      chain: [...c.chain, 'nowhere'],
      ticketPrefixes: { booked: 'W', walkIn: 'W' },
    }));
    expect(issues(bad).map((i) => i.path.join('.'))).toEqual(['desks.8.id', 'chain.4', 'ticketPrefixes']);
  });

  it('checks the plain fields too', () => {
    expect(issues(change(() => ({ ticketPrefixes: { booked: 'b', walkIn: 'W' } })))[0]?.path).toEqual([
      'ticketPrefixes',
      'booked',
    ]);
    expect(issues(change(() => ({ noShowRecallLimit: 11 })))[0]?.path).toEqual(['noShowRecallLimit']);
    expect(issues(change(() => ({ chain: [] })))[0]?.path).toEqual(['chain']);
    expect(
      issues(change(() => ({ desks: [{ id: 'Bad Id', name: 'x', stationId: 'mv' }] })))[0]?.path,
    ).toEqual(['desks', 0, 'id']);
  });
});

describe('lookups', () => {
  it('finds stations, desks and a desk’s agency', () => {
    expect(stationOf(demo, 'af')?.name).toBe('Arbetsförmedlingen');
    expect(stationOf(demo, 'pm')).toBeUndefined();
    expect(deskOf(demo, 'kommun-2')).toEqual({ id: 'kommun-2', name: 'Kommunen 2', stationId: 'kommun' });
    expect(deskOf(demo, 'nowhere')).toBeUndefined();
    expect(agencyOfDesk(demo, 'skv-fk-1')).toBe('SKV_FK');
    expect(agencyOfDesk(demo, 'nowhere')).toBeUndefined();
  });
});
