import type { Core } from '../../core';
import type { Handler } from '../router';

export function appHandlers(core: Core): {
  'app.status': Handler<'app.status'>;
  'app.version': Handler<'app.version'>;
  'app.setLocale': Handler<'app.setLocale'>;
} {
  return {
    'app.status': (_input, { caller }) => core.status(caller.senderId),
    'app.version': () => core.app.version(),
    'app.setLocale': ({ locale }) => ({ locale: core.app.setLocale(locale) }),
  };
}
