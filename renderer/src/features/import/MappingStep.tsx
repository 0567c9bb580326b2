import { useEffect, useId, useState, type FormEvent } from 'react';
import { IMPORT_TARGETS, TEXT_ENCODINGS, type ImportPreview, type ImportTarget, type TextEncoding } from '../../../../shared/import';
import { useT, type MessageKey } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useImportStore } from '../../stores/import-store';
import { checkMapping, formatCount, mappingReady, refusalText } from './import-text';

/** Step 2: what the file is, how it was read (each overridable), and where each column goes. */
export function MappingStep() {
  const t = useT();
  const locale = useAppStore((state) => state.locale);
  const { preview, mapping, remember, fillMerged, busy, error, setTarget, setRemember, setFillMerged, back, dryRun } = useImportStore();
  if (!preview) return null;
  const check = checkMapping(mapping);
  const targetName = (target: ImportTarget) => t(`import.target.${target}` as MessageKey);

  return (
    <div data-testid="import-map-step">
      <FileFacts preview={preview} />
      <p className="hint">{t('import.map.rows', { count: formatCount(locale, preview.rows) })}</p>
      {preview.rememberedMapping && (
        <p role="status" className="notice notice-ok" data-testid="import-remembered">
          {t('import.map.remembered')}
        </p>
      )}
      {preview.precisionLost.map((letter) => (
        <p key={letter} role="alert" className="notice notice-warning" data-testid="import-precision-lost">
          {t('import.map.precisionLost', { letter })}
        </p>
      ))}
      {error && (
        <p role="alert" className="notice notice-error" data-testid="error" data-code={error.code}>
          {refusalText(t, error)}
        </p>
      )}
      {preview.columns.length === 0 ? (
        <p className="empty">{t('import.map.noColumns')}</p>
      ) : (
        <div className="table-scroll">
          <table className="grid import-columns" data-testid="import-columns" aria-label={t('import.map.columns')}>
            <thead>
              <tr>
                <th scope="col">{t('import.map.col.letter')}</th>
                <th scope="col">{t('import.map.col.header')}</th>
                <th scope="col">{t('import.map.col.samples')}</th>
                <th scope="col">{t('import.map.col.target')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.columns.map((column) => {
                const target = mapping.find((m) => m.letter === column.letter)?.target ?? 'ignore';
                const clash = check.usedTwice.some((u) => u.target === target);
                return (
                  <tr key={column.letter} data-testid="import-column" data-letter={column.letter}>
                    <th scope="row">{column.letter}</th>
                    <td>{column.header || <span className="hint">{t('import.map.noHeader')}</span>}</td>
                    <td className="samples">{column.samples.join(' · ')}</td>
                    <td>
                      <select aria-label={t('import.map.targetFor', { letter: column.letter })} aria-invalid={clash || undefined} value={target} onChange={(e) => setTarget(column.letter, e.target.value as ImportTarget)}>
                        {IMPORT_TARGETS.map((option) => (
                          <option key={option} value={option}>
                            {targetName(option)}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div role="status" data-testid="import-mapping-problems">
        {check.nameMissing && <p className="problem">{t('import.map.needName')}</p>}
        {check.usedTwice.map(({ target, letters }) => (
          <p key={target} className="problem">
            {t('import.map.usedTwice', { target: targetName(target), letters: letters.join(locale === 'zh-CN' ? '、' : ', ') })}
          </p>
        ))}
      </div>
      {preview.format !== 'text' && (
        <label className="checkbox">
          <input type="checkbox" data-testid="import-fill-merged" checked={fillMerged} disabled={busy} onChange={(e) => void setFillMerged(e.target.checked)} />
          <span>{t('import.map.fillMerged')}</span>
        </label>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
        <span>{t('import.map.remember')}</span>
      </label>
      <div className="actions">
        <button type="button" disabled={busy || !mappingReady(check)} onClick={() => void dryRun()} data-testid="import-check">
          {busy ? t('common.working') : t('import.map.next')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={back}>
          {t('import.back')}
        </button>
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
    <dl className="import-facts" data-testid="import-facts">
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
            <select id={ids.encoding} data-testid="import-encoding" value={preview.encoding} disabled={busy} aria-describedby={`${ids.encoding}-hint`} onChange={(e) => void reparse({ encoding: e.target.value as TextEncoding })}>
              {TEXT_ENCODINGS.map((encoding) => {
                const name = t(`import.encoding.${encoding}`);
                const count = hits(encoding);
                return (
                  <option key={encoding} value={encoding}>
                    {count === undefined ? name : t('import.map.encodingOption', { name, hits: count })}
                  </option>
                );
              })}
            </select>
            <small id={`${ids.encoding}-hint`} className="hint">
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
            <select id={ids.sheet} data-testid="import-sheet" value={preview.sheet ?? ''} disabled={busy || preview.sheets.length < 2} onChange={(e) => void reparse({ sheet: e.target.value })}>
              {preview.sheets.map((sheet) => (
                <option key={sheet} value={sheet}>
                  {sheet}
                </option>
              ))}
            </select>
          </dd>
        </div>
      )}
      <div>
        <dt>
          <label htmlFor={ids.header}>{t('import.map.headerRow')}</label>
        </dt>
        <dd>
          <form className="inline" onSubmit={applyHeader}>
            <input id={ids.header} data-testid="import-header-row" type="number" min={1} step={1} inputMode="numeric" value={headerRow} onChange={(e) => setHeaderRow(e.target.value)} />
            <button type="submit" className="secondary" disabled={busy || Number(headerRow) === preview.headerRow}>
              {t('import.map.headerRowApply')}
            </button>
          </form>
        </dd>
      </div>
    </dl>
  );
}
