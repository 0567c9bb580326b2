import type { ErrorBody } from '../../../../shared/errors';
import type { Locale } from '../../../../shared/locale';
import { errorTextIn, type MessageKey, type Translate } from '../../i18n';
import { en } from '../../i18n/en';
import { formatDateTime } from '../../i18n/format';

/** What a refused merge or undo says: the specific reason main gave, else the screen's word for the code. */
export function mergeErrorText(t: Translate, error: ErrorBody): string {
  const reasons = [error.fields?.merge, ...Object.values(error.fields ?? {})];
  for (const reason of reasons) {
    const key = `merge.reason.${reason ?? ''}`;
    if (reason && key in en) return t(key as MessageKey);
  }
  return errorTextIn(t, 'merge', error.code);
}

/** Date and time in the chosen language (the app's one date-time format). */
export function mergeTime(locale: Locale, iso: string): string {
  return formatDateTime(locale, iso);
}
