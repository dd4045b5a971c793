import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOffice } from '../../stores/office.js';
import { receptionActions } from './receptionActions.js';
import { useReception } from './receptionStore.js';
import { filterCount, isTicketQuery, VISIT_FILTERS } from './visitList.js';
import { errorText } from '../../ui/errors.js';
import { TextField } from './Fields.js';

/**
 * The search box: a ticket number filters the list as it is typed; a name or a booking
 * reference is searched on the server when asked (each such search is logged).
 */
export function VisitSearch() {
  const { t } = useTranslation('reception');
  const { t: ts } = useTranslation('staff');
  const text = useReception((s) => s.text);
  const searching = useReception((s) => s.searching);
  const searchError = useReception((s) => s.searchError);
  const foundCount = useReception((s) => s.found?.visitIds.length ?? null);
  const ticketSearch = isTicketQuery(text);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void receptionActions.search();
  }

  return (
    <div className="rcp-search">
      <form className="rcp-search-form" role="search" onSubmit={onSubmit}>
        <TextField
          className="rcp-search-field"
          label={t('search.label')}
          type="search"
          name="search"
          value={text}
          onChange={(e) => receptionActions.setText(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="rcp-search-hint"
          placeholder={t('search.placeholder')}
        />
        <button type="submit" className="btn" disabled={searching || text.trim().length < 2 || ticketSearch}>
          {searching ? t('search.searching') : t('search.submit')}
        </button>
        {text !== '' && (
          <button type="button" className="btn" onClick={receptionActions.clearSearch}>
            {t('search.clear')}
          </button>
        )}
      </form>
      <p id="rcp-search-hint" className="rcp-hint">
        {t('search.hint')}
      </p>
      <p className="rcp-search-status" role="status">
        {searchError
          ? errorText(ts, { code: searchError })
          : foundCount !== null
            ? t('search.found', { count: foundCount, text: text.trim() })
            : ''}
      </p>
    </div>
  );
}

/** Which visits the list shows when no search is on. */
export function VisitFilters() {
  const { t } = useTranslation('reception');
  const filter = useReception((s) => s.filter);
  const searchOn = useReception((s) => s.found !== null || isTicketQuery(s.text));
  return (
    <fieldset className="rcp-filters" disabled={searchOn}>
      <legend className="visually-hidden">{t('filter.legend')}</legend>
      {VISIT_FILTERS.map((f) => (
        <label key={f} className={`rcp-filter${f === filter ? ' is-current' : ''}`}>
          <input
            type="radio"
            name="rcp-filter"
            value={f}
            checked={f === filter}
            onChange={() => receptionActions.setFilter(f)}
          />
          <span>{t(`filter.${f}`)}</span>
          <FilterCount filter={f} />
        </label>
      ))}
    </fieldset>
  );
}

function FilterCount({ filter }: { filter: (typeof VISIT_FILTERS)[number] }) {
  const count = useOffice((s) => filterCount(s.office, filter));
  return <span className="rcp-filter-count">{count}</span>;
}
