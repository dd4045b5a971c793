import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { DomainError } from '../../../../shared/errors.js';
import type { RegionFigures, RegionNow } from '../../../../shared/region.js';
import type { StatsRange } from '../../../../shared/stats.js';
import { regionQuery } from '../../net/socket.js';

/** What the region's screen has asked and been answered; an answer to an older range is dropped. */
export interface RegionState {
  readonly now: RegionNow | null;
  readonly nowError: DomainError | null;
  readonly range: StatsRange | null;
  readonly loading: boolean;
  readonly figures: RegionFigures | null;
  readonly error: DomainError | null;
}

export const regionStore = createStore<RegionState>()(() => ({
  now: null,
  nowError: null,
  range: null,
  loading: false,
  figures: null,
  error: null,
}));

export const useRegion = <T>(selector: (s: RegionState) => T): T => useStore(regionStore, selector);

export const regionActions = {
  async loadNow(): Promise<void> {
    const ack = await regionQuery('region:now', {});
    if (ack.ok) regionStore.setState({ now: ack.value, nowError: null });
    else regionStore.setState({ nowError: ack.error });
  },
  async loadFigures(range: StatsRange): Promise<void> {
    regionStore.setState({ range, loading: true, error: null });
    const ack = await regionQuery('region:figures', range);
    if (regionStore.getState().range !== range) return;
    if (ack.ok) regionStore.setState({ loading: false, figures: ack.value, error: null });
    else regionStore.setState({ loading: false, error: ack.error });
  },
};
