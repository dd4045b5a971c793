import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { DomainError } from '../../../../shared/errors.js';
import type { Statistics, StatsRange } from '../../../../shared/stats.js';
import { query } from '../../net/socket.js';

/** The statistics asked for, and the answer for the range last asked (a slower answer to an older range is dropped). */
export interface StatsState {
  readonly range: StatsRange | null;
  readonly loading: boolean;
  readonly stats: Statistics | null;
  readonly error: DomainError | null;
}

export const statsStore = createStore<StatsState>()(() => ({
  range: null,
  loading: false,
  stats: null,
  error: null,
}));

export const useStats = <T>(selector: (s: StatsState) => T): T => useStore(statsStore, selector);

export const statsActions = {
  async load(range: StatsRange): Promise<void> {
    statsStore.setState({ range, loading: true, error: null });
    const ack = await query('stats:compute', range);
    if (statsStore.getState().range !== range) return;
    if (ack.ok) statsStore.setState({ loading: false, stats: ack.value, error: null });
    else statsStore.setState({ loading: false, error: ack.error });
  },
};
