import type { ErrorBody } from '../../../shared/errors';
import { errorText, useT } from '../i18n';
import { Notice } from '../ui/Notice';

export function ErrorNotice({ error }: { error: ErrorBody | null }) {
  const t = useT();
  if (!error) return null;
  return (
    <Notice tone="danger" data-testid="error" data-code={error.code}>
      {errorText(t, error.code)}
    </Notice>
  );
}
