import { useEffect, useRef } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { useImportStore, type ImportStep } from '../../stores/import-store';
import { Button } from '../../ui';
import { CheckStep } from './CheckStep';
import { CommitStep } from './CommitStep';
import { FileStep } from './FileStep';
import styles from './import.module.css';
import { MappingStep } from './MappingStep';
import { useImportProgress, working } from './use-import-progress';

const STEPS: ImportStep[] = ['file', 'map', 'check', 'commit'];

/**
 * The import, full page inside Customers: choose a file, map its columns, check every row (a dry
 * run that writes nothing), then import with progress. Each step's heading takes the focus, so
 * a keyboard or screen-reader user starts reading the new step where it begins.
 */
export function ImportWizard() {
  const t = useT();
  const { step, close } = useImportStore();
  const progress = useImportProgress().data;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [step]);
  const current = STEPS.indexOf(step);
  // While rows are being written, leaving would only hide the progress: the import goes on in main.
  const running = step === 'commit' && working(progress?.state);

  return (
    <section aria-labelledby="import-step-title" data-testid="import-wizard" className={styles.wizard}>
      <div className={styles.head}>
        <h2>{t('import.title')}</h2>
        <Button variant="secondary" disabled={running} onClick={() => void close()}>
          {t('import.close')}
        </Button>
      </div>
      <ol className={styles.stepper} aria-label={t('import.steps')}>
        {STEPS.map((s, index) => (
          <li key={s} className={index === current ? styles.current : index < current ? styles.done : undefined} aria-current={index === current ? 'step' : undefined}>
            <span className={styles.stepNumber}>{index + 1}</span> {t(`import.step.${s}` as MessageKey)}
          </li>
        ))}
      </ol>
      <p className={styles.eyebrow}>{t('import.stepOf', { step: current + 1, count: STEPS.length })}</p>
      <h3 id="import-step-title" ref={heading} tabIndex={-1} className={styles.stepTitle} data-testid="import-step-title">
        {t(`import.step.${step}` as MessageKey)}
      </h3>
      {step === 'file' && <FileStep />}
      {step === 'map' && <MappingStep />}
      {step === 'check' && <CheckStep />}
      {step === 'commit' && <CommitStep />}
    </section>
  );
}
