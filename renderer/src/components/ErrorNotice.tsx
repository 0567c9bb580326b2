import type { ErrorBody } from '../../../shared/errors';
import { errorText, useT } from '../i18n';

export function ErrorNotice({ error }: { error: ErrorBody | null }) {
  const t = useT();
  if (!error) return null;
  return (
    <p role="alert" className="notice notice-error" data-testid="error" data-code={error.code}>
      {errorText(t, error.code)}
    </p>
  );
}
