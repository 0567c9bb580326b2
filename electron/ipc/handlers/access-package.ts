import type { Core } from '../../core';
import { requireSession, type Handler } from '../router';

/** A customer's access package (issue 16): thin, the rules live in core/privacy. */
export function accessPackageHandlers(core: Core): {
  'privacy.accessPackage': Handler<'privacy.accessPackage'>;
  'privacy.accessPackageProgress': Handler<'privacy.accessPackageProgress'>;
} {
  return {
    'privacy.accessPackage': (input, { session }) => core.accessPackage.prepare(requireSession(session), input),
    'privacy.accessPackageProgress': (_input, { session }) => ({ step: core.accessPackage.progress(requireSession(session))?.step ?? null }),
  };
}
