import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../../shared/visit.js';
import { useOffice } from '../../stores/office.js';
import { ActionButton } from './ActionButton.js';
import { run } from './deskCommands.js';
import { interpreterRows } from './interpreters.js';
import { languageName } from './format.js';
import { useStaffLanguage } from './labels.js';
import { Icon } from './Icon.js';

/**
 * On-site interpreters in the household's language and whether they are free. One attached
 * here follows the household to the next desks until released.
 */
export function Interpreters({ visit }: { visit: Visit }) {
  const { t } = useTranslation('desk');
  const ui = useStaffLanguage();
  const interpreters = useOffice((s) => s.office?.interpreters);
  const view = useMemo(
    () => (interpreters ? interpreterRows(interpreters, visit) : null),
    [interpreters, visit],
  );
  if (!view) return null;

  return (
    <section className="block" aria-labelledby="interp-title">
      <h3 id="interp-title">{t('interpreters.title', { language: languageName(view.language, ui) })}</h3>
      {!visit.interpreterLanguage && <p className="muted">{t('interpreters.notAsked')}</p>}
      {view.rows.length === 0 ? (
        <p className="muted">{t('interpreters.none')}</p>
      ) : (
        <ul className="interp-list">
          {view.rows.map((row) => (
            <li key={row.id} className="interp">
              <span className="interp-name">{row.name}</span>
              <span
                className={`tag ${row.state === 'free' ? 'tag-ok' : row.state === 'here' ? 'tag-shared' : 'tag-warn'}`}
              >
                <Icon name={row.state === 'free' ? 'check' : row.state === 'here' ? 'serving' : 'clock'} />
                {t(`interpreters.state.${row.state}`)}
              </span>
              {row.state === 'here' ? (
                <ActionButton
                  availability={{ enabled: true }}
                  onClick={() =>
                    void run(
                      'interpreter:release',
                      { interpreterId: row.id },
                      { done: () => ({ key: 'done.released', values: { name: row.name } }) },
                    )
                  }
                >
                  {t('interpreters.release')}
                  <span className="visually-hidden"> {row.name}</span>
                </ActionButton>
              ) : (
                <ActionButton
                  availability={row.attach}
                  showReason={false}
                  onClick={() =>
                    void run(
                      'interpreter:attach',
                      { interpreterId: row.id, visitId: visit.id },
                      {
                        done: () => ({
                          key: 'done.attached',
                          values: { name: row.name, ticket: visit.ticket },
                        }),
                      },
                    )
                  }
                >
                  {t('interpreters.attach')}
                  <span className="visually-hidden"> {row.name}</span>
                </ActionButton>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
