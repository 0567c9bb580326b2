import { localDay } from '../../shared/working-days';
import type { AccessWorld } from './access-helpers';

/**
 * A verified request in the register, linked to customers, for tests of the steps done from a
 * request (issue 16): an access package, an erasure, a consent withdrawal take a real requestId.
 */
export async function verifiedRequest(world: Pick<AccessWorld, 'router' | 'caller'>, type: string, customerIds: number[], receivedOn = localDay(new Date())): Promise<number> {
  const made = await world.router.dispatch(world.caller('owner'), 'privacyRequests.create', { type, receivedOn, channel: 'in-store', customerIds });
  if (!made.ok) throw new Error(`create: ${made.error.code}`);
  const id = (made.value as { id: number }).id;
  const verified = await world.router.dispatch(world.caller('owner'), 'privacyRequests.act', { action: 'verify', id, method: 'id-card-seen' });
  if (!verified.ok) throw new Error(`verify: ${verified.error.code}`);
  return id;
}
