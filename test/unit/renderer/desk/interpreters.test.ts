import { describe, expect, it } from 'vitest';
import { interpreterRows } from '../../../../renderer/src/screens/desk/interpreters.js';
import type { Interpreter } from '../../../../shared/visit.js';
import { makeVisit } from '../../../helpers/domain.js';

const interp = (id: string, language: string, visitId: string | null, mode: 'onsite' | 'phone' = 'onsite') =>
  ({ id, language, mode, name: `Tolk ${id}`, visitId }) satisfies Interpreter;

describe('interpreterRows', () => {
  const visit = makeVisit(1, { language: 'ar', interpreterLanguage: 'ar' });
  const other = makeVisit(2).id;

  it("lists on-site interpreters in the language asked for: this visit's first, then free, then busy", () => {
    const all = {
      a: interp('a', 'ar', other),
      b: interp('b', 'ar', null),
      c: interp('c', 'fa', null),
      d: interp('d', 'ar', null, 'phone'),
    };
    const view = interpreterRows(all, visit);
    expect(view.language).toBe('ar');
    expect(view.rows.map((r) => [r.id, r.state, r.attach.enabled])).toEqual([
      ['b', 'free', true],
      ['a', 'busy', false],
    ]);
  });

  it('shows the one with this visit (whatever the mode) and holds the others back', () => {
    const withOne = { ...visit, interpreterId: 'd' };
    const all = { b: interp('b', 'ar', null), d: interp('d', 'ar', withOne.id, 'phone') };
    const rows = interpreterRows(all, withOne).rows;
    expect(rows.map((r) => [r.id, r.state])).toEqual([
      ['d', 'here'],
      ['b', 'free'],
    ]);
    expect(rows[1]!.attach).toEqual({ enabled: false, reason: { key: 'reason.visitHasInterpreter' } });
  });

  it("uses the visit's language when no interpreter language was given", () => {
    const plain = makeVisit(3, { language: 'fa', interpreterLanguage: null });
    expect(interpreterRows({ c: interp('c', 'fa', null) }, plain).rows.map((r) => r.id)).toEqual(['c']);
  });
});
