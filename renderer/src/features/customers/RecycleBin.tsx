import { useState } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useCustomersStore } from '../../stores/customers-store';

/** Deleted customers (names only), and the way back. */
export function RecycleBin() {
  const t = useT();
  const fmt = useFormat();
  const { bin, closeBin, restore } = useCustomersStore();
  const [error, setError] = useState<ErrorBody | null>(null);
  if (!bin) return null;
  return (
    <section aria-labelledby="bin-title" data-testid="recycle-bin">
      <div className="page-head">
        <h2 id="bin-title">{t('bin.title')}</h2>
        <button type="button" className="secondary" onClick={closeBin}>
          {t('bin.back')}
        </button>
      </div>
      <p className="hint">{t('bin.hint')}</p>
      <ErrorNotice error={error} />
      {bin.length === 0 ? (
        <p className="empty">{t('bin.empty')}</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('customers.col.name')}</th>
              <th>{t('customers.col.owner')}</th>
              <th>{t('bin.deletedAt')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {bin.map((row) => (
              <tr key={row.id} data-testid="bin-row">
                <td>{row.name}</td>
                <td>{row.ownerUsername}</td>
                <td>{fmt.dateTime(row.deletedAt)}</td>
                <td className="row-actions">
                  <button type="button" className="secondary" onClick={() => void restore(row.id).then(setError)}>
                    {t('bin.restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
