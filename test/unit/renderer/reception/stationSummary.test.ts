import { describe, expect, it } from 'vitest';
import { stationSummary } from '../../../../renderer/src/screens/reception/stationSummary.js';
import { estimatedWaitMinutes } from '../../../../shared/queue.js';
import { actors, DomainDriver, MINUTE } from '../../../helpers/domain.js';

describe('stationSummary', () => {
  it('sums up a station: waiting, desks open of all, longest wait and the estimate', () => {
    const o = new DomainDriver();
    o.signIn('mv-1');
    o.walkIn();
    o.advance(10 * MINUTE);
    o.walkIn();
    o.advance(25 * MINUTE);
    o.walkIn();
    o.advance(7 * MINUTE);
    const mv = stationSummary(o.state, 'mv', o.now);
    expect(mv).toEqual({
      waiting: 3,
      desksOpen: 1,
      desksTotal: 2,
      longestWaitMinutes: 42,
      estimatedWaitMinutes: estimatedWaitMinutes(o.state, 'mv', 3),
      noShows: 0,
      overThreshold: true, // the demo office warns from 30 minutes
    });
    expect(mv.estimatedWaitMinutes).toBe(90); // 3 × 30 min ÷ 1 desk
  });

  it('has no longest wait without a queue, and no estimate without an open desk', () => {
    const o = new DomainDriver();
    expect(stationSummary(o.state, 'af', o.now)).toMatchObject({
      waiting: 0,
      desksOpen: 0,
      longestWaitMinutes: null,
      estimatedWaitMinutes: null,
      overThreshold: false,
    });
  });

  it('counts missed calls that reception may put back', () => {
    const o = new DomainDriver();
    o.state = { ...o.state, config: { ...o.state.config, noShowRecallLimit: 0 } };
    o.signIn('mv-1');
    const { visitId } = o.walkIn();
    o.run(actors.desk('mv-1'), 'visit:call', { visitId });
    o.run(actors.desk('mv-1'), 'visit:no_show', { visitId });
    expect(stationSummary(o.state, 'mv', o.now)).toMatchObject({ waiting: 0, noShows: 1 });
  });
});
