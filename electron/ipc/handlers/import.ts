import type { ImportService } from '../../core/import/import-service';
import { requireSession, type Handler } from '../router';

type ImportChannel =
  | 'import.open'
  | 'import.preview'
  | 'import.dryRun'
  | 'import.rows'
  | 'import.commit'
  | 'import.progress'
  | 'import.cancel'
  | 'import.saveErrors'
  | 'import.close'
  | 'import.history'
  | 'import.undo';

export function importHandlers(imports: ImportService): { [C in ImportChannel]: Handler<C> } {
  return {
    'import.open': (_input, { session }) => imports.open(requireSession(session)),
    'import.preview': (input, { session }) => imports.preview(requireSession(session), input),
    'import.dryRun': (input, { session }) => imports.dryRun(requireSession(session), input),
    'import.rows': (input, { session }) => imports.rows(requireSession(session), input),
    'import.commit': (input, { session }) => imports.commit(requireSession(session), input),
    'import.progress': (input, { session }) => imports.progress(requireSession(session), input.importId),
    'import.cancel': (input, { session }) => imports.cancel(requireSession(session), input.importId),
    'import.saveErrors': (input, { session }) => imports.saveErrors(requireSession(session), input.importId),
    'import.close': (input, { session }) => imports.close(requireSession(session), input.importId),
    'import.history': (_input, { session }) => imports.history(requireSession(session)),
    'import.undo': (input, { session }) => imports.undo(requireSession(session), input),
  };
}
