import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { sectionAnchor, type EditorSection } from './configSections.js';

/** One part of the configuration editor: a heading the side links jump to, an intro, the fields. */
export function Section({
  section,
  children,
  intro,
}: {
  section: EditorSection;
  children: ReactNode;
  intro?: ReactNode;
}) {
  const { t } = useTranslation('admin');
  const headingId = `${sectionAnchor(section)}-heading`;
  return (
    <section className="adm-card adm-config-section" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span id={sectionAnchor(section)} tabIndex={-1} className="adm-anchor">
          {t(`config.section.${section}`)}
        </span>
      </h3>
      {intro && <p className="adm-muted">{intro}</p>}
      {children}
    </section>
  );
}
