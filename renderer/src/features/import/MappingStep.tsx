import { useEffect, useId, useState, type FormEvent } from 'react';
import { IMPORT_TARGETS, TEXT_ENCODINGS, type ImportPreview, type ImportTarget, type TextEncoding } from '../../../../shared/import';
import { useT, type MessageKey } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useImportStore } from '../../stores/import-store';
import { Button, EmptyState, Input, Notice, Select, Table, type Column } from '../../ui';
import { useLevels } from '../settings/levels';
import styles from './import.module.css';
import { checkMapping, formatCount, mappingReady, refusalText } from './import-text';
import { useFieldOn } from '../privacy/use-field-on';

/** Step 2: what the file is, how it was read (each overridable), and where each column goes. */
export function MappingStep() {
  const t = useT();
  // A field the owner switched off is not offered as a target (main refuses it per row anyway).
  const fieldOn = useFieldOn();
  const locale = useAppStore((state) => state.locale);
  const { preview, mapping, remember, fillMerged, busy, error, setTarget, setRemember, setFillMerged, back, dryRun } = useImportStore();
  // A level column is read against the owner's levels (Settings): say which names it accepts.
  const { levels } = useLevels();
  if (!preview) return null;
  const check = checkMapping(mapping);
  const targetName = (target: ImportTarget) => t(`import.target.${target}` as MessageKey);
  const columns: Column<ImportPreview['columns'][number]>[] = [
    { key: 'letter', header: t('import.map.col.letter'), rowHeader: true, cell: (column) => column.letter },
    { key: 'header', header: t('import.map.col.header'), cell: (column) => column.header || <span className={styles.hint}>{t('import.map.noHeader')}</span> },
    // "samples" stays a class name: the e2e reads a column's samples by it.
    { key: 'samples', header: t('import.map.col.samples'), wrap: true, className: 'samples', cell: (column) => column.samples.join(' · ') },
    {
      key: 'target',
      header: t('import.map.col.target'),
      cell: (column) => {
        const target = mapping.find((m) => m.letter === column.letter)?.target ?? 'ignore';
        const clash = check.usedTwice.some((u) => u.target === target);
        return (
          <Select aria-label={t('import.map.targetFor', { letter: column.letter })} aria-invalid={clash || undefined} value={target} onChange={(e) => setTarget(column.letter, e.target.value as ImportTarget)}>
            {IMPORT_TARGETS.filter((option) => option === target || fieldOn(option)).map((option) => (
              <option key={option} value={option}>
                {targetName(option)}
              </option>
            ))}
          </Select>
        );
      },
    },
  ];

  return (
    <div data-testid="import-map-step">
      <FileFacts preview={preview} />
      <p className={styles.hint}>{t('import.map.rows', { count: formatCount(locale, preview.rows) })}</p>
      {preview.rememberedMapping && (
        <Notice tone="success" data-testid="import-remembered">
          {t('import.map.remembered')}
        </Notice>
      )}
      {preview.precisionLost.map((letter) => (
        <Notice key={letter} tone="warning" data-testid="import-precision-lost">
          {t('import.map.precisionLost', { letter })}
        </Notice>
      ))}
      {error && (
        <Notice tone="danger" data-testid="error" data-code={error.code}>
          {refusalText(t, error)}
        </Notice>
      )}
      <Table
        columns={columns}
        rows={preview.columns}
        rowKey={(column) => column.letter}
        label={t('import.map.columns')}
        testId="import-columns"
        rowAttributes={(column) => ({ 'data-testid': 'import-column', 'data-letter': column.letter })}
        empty={<EmptyState title={t('import.map.noColumns')} />}
      />
      <div role="status" data-testid="import-mapping-problems">
        {check.nameMissing && <p className={styles.problem}>{t('import.map.needName')}</p>}
        {mapping.some((m) => m.target === 'level') && levels.length > 0 && (
          <p className={styles.hint} data-testid="import-level-names">
            {t('import.map.levelNames', { levels: levels.map((l) => l.shown).join(locale === 'zh-CN' ? '、' : ', ') })}
          </p>
        )}
        {check.usedTwice.map(({ target, letters }) => (
          <p key={target} className={styles.problem}>
            {t('import.map.usedTwice', { target: targetName(target), letters: letters.join(locale === 'zh-CN' ? '、' : ', ') })}
          </p>
        ))}
      </div>
      {preview.format !== 'text' && (
        <label className={styles.checkbox}>
          <input type="checkbox" data-testid="import-fill-merged" checked={fillMerged} disabled={busy} onChange={(e) => void setFillMerged(e.target.checked)} />
          <span>{t('import.map.fillMerged')}</span>
        </label>
      )}
      <label className={styles.checkbox}>
        <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
        <span>{t('import.map.remember')}</span>
      </label>
      <div className={styles.actions}>
        <Button disabled={busy || !mappingReady(check)} onClick={() => void dryRun()} data-testid="import-check">
          {busy ? t('common.working') : t('import.map.next')}
        </Button>
        <Button variant="secondary" disabled={busy} onClick={back}>
          {t('import.back')}
        </Button>
      </div>
    </div>
  );
}

/** The file's name and format, and how it was read: encoding, sheet, header row. */
function FileFacts({ preview }: { preview: ImportPreview }) {
  const t = useT();
  const { busy, reparse } = useImportStore();
  const ids = { encoding: useId(), sheet: useId(), header: useId() };
  const [headerRow, setHeaderRow] = useState(String(preview.headerRow));
  useEffect(() => setHeaderRow(String(preview.headerRow)), [preview.headerRow]);
  const hits = (encoding: TextEncoding) => preview.encodingCandidates.find((c) => c.encoding === encoding)?.headerHits;
  const applyHeader = (event: FormEvent) => {
    event.preventDefault();
    const row = Number(headerRow);
    if (Number.isInteger(row) && row >= 1 && row !== preview.headerRow) void reparse({ headerRow: row });
  };

  return (
    <dl className={styles.facts} data-testid="import-facts">
      <div>
        <dt>{t('import.map.file')}</dt>
        <dd data-testid="import-file-name">{preview.fileName}</dd>
      </div>
      <div>
        <dt>{t('import.map.format')}</dt>
        <dd data-testid="import-format">{t(`import.format.${preview.format}`)}</dd>
      </div>
      {preview.encoding && (
        <div>
          <dt>
            <label htmlFor={ids.encoding}>{t('import.map.encoding')}</label>
          </dt>
          <dd>
            <Select id={ids.encoding} data-testid="import-encoding" value={preview.encoding} disabled={busy} aria-describedby={`${ids.encoding}-hint`} onChange={(e) => void reparse({ encoding: e.target.value as TextEncoding })}>
              {TEXT_ENCODINGS.map((encoding) => {
                const name = t(`import.encoding.${encoding}`);
                const count = hits(encoding);
                return (
                  <option key={encoding} value={encoding}>
                    {count === undefined ? name : t('import.map.encodingOption', { name, hits: count })}
                  </option>
                );
              })}
            </Select>
            <small id={`${ids.encoding}-hint`} className={styles.hint}>
              {t('import.map.encodingHint')}
            </small>
          </dd>
        </div>
      )}
      {preview.sheets.length > 0 && (
        <div>
          <dt>
            <label htmlFor={ids.sheet}>{t('import.map.sheet')}</label>
          </dt>
          <dd>
            <Select id={ids.sheet} data-testid="import-sheet" value={preview.sheet ?? ''} disabled={busy || preview.sheets.length < 2} onChange={(e) => void reparse({ sheet: e.target.value })}>
              {preview.sheets.map((sheet) => (
                <option key={sheet} value={sheet}>
                  {sheet}
                </option>
              ))}
            </Select>
          </dd>
        </div>
      )}
      <div>
        <dt>
          <label htmlFor={ids.header}>{t('import.map.headerRow')}</label>
        </dt>
        <dd>
          <form className={styles.inline} onSubmit={applyHeader}>
            <Input className={styles.headerRow} id={ids.header} data-testid="import-header-row" type="number" min={1} step={1} inputMode="numeric" value={headerRow} onChange={(e) => setHeaderRow(e.target.value)} />
            <Button type="submit" variant="secondary" size="sm" disabled={busy || Number(headerRow) === preview.headerRow}>
              {t('import.map.headerRowApply')}
            </Button>
          </form>
        </dd>
      </div>
    </dl>
  );
}
