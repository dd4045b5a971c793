import { describe, expect, it } from 'vitest';
import { RegionQuerySchemas, RegionRangeSchema } from '../../../shared/region.js';

describe('the region’s queries', () => {
  it('take a range of real days, from ≤ to, of at most 400 days', () => {
    const good = [
      { from: '2026-11-23', to: '2026-11-23' },
      { from: '2024-02-29', to: '2024-03-01' },
      { from: '2025-10-20', to: '2026-11-23' }, // 400 days, both included
    ];
    for (const range of good)
      expect(RegionRangeSchema.safeParse(range).success, JSON.stringify(range)).toBe(true);
    const bad = [
      { from: '2026-11-24', to: '2026-11-23' },
      { from: '2026-02-29', to: '2026-03-01' },
      { from: '2026-13-01', to: '2026-13-02' },
      { from: '2026-11-31', to: '2026-12-01' },
      { from: '2025-10-19', to: '2026-11-23' }, // 401 days
      { from: '26-11-23', to: '26-11-24' },
      { from: '2026-11-23' },
      { from: '2026-11-23', to: '2026-11-23', office: 'borlange' },
      { from: 20261123, to: 20261124 },
    ];
    for (const range of bad)
      expect(RegionRangeSchema.safeParse(range).success, JSON.stringify(range)).toBe(false);
  });

  it('say which field failed, never echoing the value', () => {
    const result = RegionQuerySchemas['region:figures'].safeParse({ from: '2026-11-24', to: '2026-11-23' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(['to']);
    expect(RegionQuerySchemas['region:now'].safeParse({}).success).toBe(true);
    expect(RegionQuerySchemas['region:now'].safeParse({ office: 'x' }).success).toBe(false);
  });
});
