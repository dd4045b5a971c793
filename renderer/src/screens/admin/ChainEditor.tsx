import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { adminActions } from './adminStore.js';
import { addToChain, moveInChain, removeFromChain } from './configDraft.js';
import { draftActions, useDraft } from './draftStore.js';
import { FieldError, useFieldError } from './fields.js';
import { focusSoon } from './focus.js';
import { Section } from './Section.js';

/**
 * The order in which a household passes the stations, changed with buttons (no dragging): a new
 * order applies to new arrivals; visits already in the building keep the steps they were given.
 */
export function ChainEditor() {
  const { t } = useTranslation('admin');
  const chain = useDraft(useShallow((s) => s.draft?.edited.chain ?? []));
  const names = useDraft(
    useShallow((s) => Object.fromEntries(s.draft?.edited.stations.map((st) => [st.id, st.name]) ?? [])),
  );
  const outside = useDraft(
    useShallow(
      (s) =>
        s.draft?.edited.stations.map((st) => st.id).filter((id) => !s.draft?.edited.chain.includes(id)) ?? [],
    ),
  );
  const chainError = useFieldError('chain');
  const name = (id: string) => names[id] ?? id;
  const buttonId = (id: string, what: string) => `cfg-chain-${id}-${what}`;

  function move(id: string, index: number, delta: number) {
    draftActions.apply(moveInChain(id, delta));
    adminActions.announce(
      t('config.moved', { name: name(id), position: index + delta + 1, count: chain.length }),
    );
    focusSoon(buttonId(id, delta < 0 ? 'up' : 'down'), buttonId(id, delta < 0 ? 'down' : 'up'));
  }

  return (
    <Section section="chain" intro={t('config.chain.intro')}>
      <ol
        className="adm-chain"
        id="cfg-chain"
        tabIndex={-1}
        aria-describedby={chainError ? 'cfg-chain-error' : undefined}
      >
        {chain.map((id, index) => (
          <li key={id} className="adm-chain-item">
            <span className="adm-chain-pos" aria-hidden="true">
              {index + 1}
            </span>
            <span className="adm-chain-name">{name(id)}</span>
            <ChainItemError index={index} />
            <span className="adm-row-buttons">
              <button
                id={buttonId(id, 'up')}
                type="button"
                className="btn btn-small"
                disabled={index === 0}
                aria-label={t('config.moveUp', { name: name(id) })}
                onClick={() => move(id, index, -1)}
              >
                <span aria-hidden="true">↑ </span>
                {t('config.chain.up')}
              </button>
              <button
                id={buttonId(id, 'down')}
                type="button"
                className="btn btn-small"
                disabled={index === chain.length - 1}
                aria-label={t('config.moveDown', { name: name(id) })}
                onClick={() => move(id, index, 1)}
              >
                <span aria-hidden="true">↓ </span>
                {t('config.chain.down')}
              </button>
              <button
                type="button"
                className="btn btn-small btn-danger"
                aria-label={t('config.chain.removeOf', { name: name(id) })}
                onClick={() => {
                  draftActions.apply(removeFromChain(id));
                  adminActions.announce(t('config.chain.removed', { name: name(id) }));
                  focusSoon(buttonId(id, 'add'));
                }}
              >
                {t('config.chain.remove')}
              </button>
            </span>
          </li>
        ))}
      </ol>
      <FieldError path="chain" error={chainError} />
      {outside.length > 0 && (
        <div className="adm-outside">
          <h4>{t('config.chain.outside')}</h4>
          <p className="adm-muted">{t('config.chain.outsideHint')}</p>
          <ul className="adm-plain-list">
            {outside.map((id) => (
              <li key={id}>
                {name(id)}{' '}
                <button
                  id={buttonId(id, 'add')}
                  type="button"
                  className="btn btn-small"
                  aria-label={t('config.chain.addOf', { name: name(id) })}
                  onClick={() => {
                    draftActions.apply(addToChain(id));
                    adminActions.announce(t('config.chain.added', { name: name(id) }));
                    focusSoon(buttonId(id, 'up'));
                  }}
                >
                  {t('config.chain.add')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}

function ChainItemError({ index }: { index: number }) {
  const error = useFieldError(`chain.${index}`);
  return <FieldError path={`chain.${index}`} error={error} />;
}
