import { describe, expect, it } from 'vitest';
import type { OfficeConfig } from '../../../shared/office.js';
import { actors, DomainDriver, expectRefused, testConfig } from '../../helpers/domain.js';

const withoutStation = (config: OfficeConfig, id: string): OfficeConfig => ({
  ...config,
  stations: config.stations.filter((s) => s.id !== id),
  desks: config.desks.filter((d) => d.stationId !== id),
  chain: config.chain.filter((s) => s !== id),
});

describe('office:configure', () => {
  it('applies a new config live', () => {
    const o = new DomainDriver();
    const config = { ...testConfig(), noShowRecallLimit: 3, name: 'Mötesplats Borlänge' };
    const decision = o.run(actors.admin, 'office:configure', { config });
    expect(decision.events).toEqual([{ type: 'config_changed', config }]);
    expect(o.state.config).toEqual(config);
  });

  it('refuses to remove a station that a visit still has to pass, naming it', () => {
    const o = new DomainDriver();
    o.walkIn();
    const error = expectRefused(
      o,
      actors.admin,
      'office:configure',
      { config: withoutStation(o.state.config, 'kommun') },
      'CONFIG_CONFLICT',
    );
    expect(error.details).toEqual({ stations: ['kommun'], desks: [] });
  });

  it('allows removing a station once no open visit needs it', () => {
    const o = new DomainDriver();
    const { visitId } = o.walkIn();
    o.run(actors.reception, 'visit:skip_step', { visitId, stationId: 'kommun', reason: 'not_needed' });
    o.run(actors.admin, 'office:configure', { config: withoutStation(o.state.config, 'kommun') });
    expect(o.state.config.chain).toEqual(['mv', 'af', 'skv-fk']);
  });

  it('refuses to remove or move a desk with an officer signed in, or one a visit was handed to', () => {
    const o = new DomainDriver();
    o.signIn('af-2');
    const moved = {
      ...o.state.config,
      desks: o.state.config.desks.map((d) => (d.id === 'af-2' ? { ...d, stationId: 'kommun' } : d)),
    };
    expect(
      expectRefused(o, actors.admin, 'office:configure', { config: moved }, 'CONFIG_CONFLICT').details,
    ).toEqual({
      stations: [],
      desks: ['af-2'],
    });
    o.run(actors.desk('af-2'), 'desk:sign_out', {});
    o.signIn('mv-1');
    const { visitId } = o.walkIn();
    o.run(actors.desk('mv-1'), 'queue:call_next', {});
    o.run(actors.desk('mv-1'), 'visit:start', { visitId });
    o.run(actors.desk('mv-1'), 'visit:hand_over', {
      visitId,
      to: { kind: 'desk', deskId: 'af-2' },
      outcome: 'done',
    });
    const removed = { ...o.state.config, desks: o.state.config.desks.filter((d) => d.id !== 'af-2') };
    expect(
      expectRefused(o, actors.admin, 'office:configure', { config: removed }, 'CONFIG_CONFLICT').details,
    ).toEqual({
      stations: [],
      desks: ['af-2'],
    });
  });
});
