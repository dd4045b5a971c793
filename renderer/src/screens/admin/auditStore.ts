import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { DomainError } from '../../../../shared/errors.js';
import type { AuditEntry, ErasureRecord, QueryPayload } from '../../../../shared/protocol.js';
import { query } from '../../net/socket.js';

/** The audit trail as last filtered, and the retention job's record of erasures. */
export interface AuditState {
  readonly entries: readonly AuditEntry[] | null;
  readonly loading: boolean;
  readonly error: DomainError | null;
  /** The filter the shown entries answer. */
  readonly asked: QueryPayload<'audit:list'> | null;
  readonly erasures: readonly ErasureRecord[] | null;
  readonly erasuresError: DomainError | null;
}

export const auditStore = createStore<AuditState>()(() => ({
  entries: null,
  loading: false,
  error: null,
  asked: null,
  erasures: null,
  erasuresError: null,
}));

export const useAudit = <T>(selector: (s: AuditState) => T): T => useStore(auditStore, selector);

export const AUDIT_PAGE = 200;

export const auditActions = {
  async load(filter: QueryPayload<'audit:list'>): Promise<void> {
    auditStore.setState({ loading: true, error: null, asked: filter });
    const ack = await query('audit:list', filter);
    if (auditStore.getState().asked !== filter) return;
    if (ack.ok) auditStore.setState({ loading: false, entries: ack.value.entries });
    else auditStore.setState({ loading: false, error: ack.error });
  },

  async loadErasures(): Promise<void> {
    const ack = await query('retention:list', {});
    if (ack.ok) auditStore.setState({ erasures: ack.value.erasures, erasuresError: null });
    else auditStore.setState({ erasuresError: ack.error });
  },
};
