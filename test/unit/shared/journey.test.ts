import { describe, expect, it } from 'vitest';
import { actors, DomainDriver, MINUTE } from '../../helpers/domain.js';

describe('a household through the whole chain', () => {
  it('goes MV → AF → Servicekontoret → Kommun and ends registered', () => {
    const office = new DomainDriver();
    for (const desk of ['mv-1', 'af-1', 'skv-fk-1', 'kommun-1']) office.signIn(desk);
    const { visitId, ticket } = office.walkIn({ adults: 2, children: 1 });
    expect(ticket).toBe('W001');

    for (const desk of ['mv-1', 'af-1', 'skv-fk-1']) {
      const actor = actors.desk(desk);
      const called = office.run(actor, 'queue:call_next', {});
      expect(called.result).toEqual({ visitId, ticket });
      office.run(actor, 'visit:start', { visitId });
      office.advance(20 * MINUTE);
      office.run(actor, 'visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' });
    }
    const last = actors.desk('kommun-1');
    office.run(last, 'queue:call_next', {});
    office.run(last, 'visit:start', { visitId });
    office.run(last, 'visit:complete', { visitId, outcome: 'done' });

    const visit = office.visit(visitId);
    expect(visit.status).toBe('registered');
    expect(visit.steps.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(visit.current).toBeNull();
  });
});
