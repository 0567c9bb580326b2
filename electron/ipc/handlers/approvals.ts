import { CofferError } from '../../../shared/errors';
import type { Core } from '../../core';
import type { Handler } from '../router';

const notYet = (): never => {
  throw new CofferError('INTERNAL', 'Approvals are being built.');
};

/** Four-eyes approval channels (placeholder until electron/core/approvals lands). */
export function approvalHandlers(_core: Core): {
  'approvals.request': Handler<'approvals.request'>;
  'approvals.list': Handler<'approvals.list'>;
  'approvals.decide': Handler<'approvals.decide'>;
  'approvals.cancel': Handler<'approvals.cancel'>;
  'approvals.count': Handler<'approvals.count'>;
  'approvals.policy': Handler<'approvals.policy'>;
  'approvals.setPolicy': Handler<'approvals.setPolicy'>;
} {
  return {
    'approvals.request': notYet,
    'approvals.list': notYet,
    'approvals.decide': notYet,
    'approvals.cancel': notYet,
    'approvals.count': notYet,
    'approvals.policy': notYet,
    'approvals.setPolicy': notYet,
  };
}
