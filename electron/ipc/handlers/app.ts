import type { AppService } from '../../core/app/app-service';
import type { Handler } from '../router';

export function appHandlers(app: AppService): {
  'app.status': Handler<'app.status'>;
  'app.version': Handler<'app.version'>;
  'app.setLocale': Handler<'app.setLocale'>;
} {
  return {
    'app.status': () => app.status(),
    'app.version': () => app.version(),
    'app.setLocale': ({ locale }) => ({ locale: app.setLocale(locale) }),
  };
}
