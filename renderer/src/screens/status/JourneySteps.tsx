import { useTranslation } from 'react-i18next';
import type { StatusView } from '../../../../shared/views.js';
import { StationName } from './StationName.js';
import { currentIndex, MARK_SYMBOL, stepMark, stepsLeft } from './statusModel.js';

/** Every meeting of the visit in order: done, now, or still to come, in words and symbols. */
export function JourneySteps({ view }: { view: StatusView }) {
  const { t } = useTranslation('status');
  const { t: tc } = useTranslation('common');
  const at = currentIndex(view);
  const left = stepsLeft(view);
  return (
    <section className="status-journey" aria-labelledby="status-journey-title">
      <h2 id="status-journey-title">{t('journey.title')}</h2>
      {view.status === 'active' && <p className="status-hint">{t('journey.left', { count: left })}</p>}
      <ol className="status-steps">
        {view.steps.map((step, i) => {
          const mark = stepMark(step, i === at);
          return (
            <li
              key={step.stationId}
              className={`status-step is-${mark}`}
              aria-current={i === at ? 'step' : undefined}
            >
              <span className="status-step-mark" aria-hidden="true">
                {MARK_SYMBOL[mark]}
              </span>
              <StationName
                agency={tc(`agency.${step.agency}`)}
                name={step.name}
                className="status-step-text"
              />
              <span className="status-step-state">
                {i === at
                  ? t('journey.now', { status: tc(`step.${step.status}`) })
                  : tc(`step.${step.status}`)}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
