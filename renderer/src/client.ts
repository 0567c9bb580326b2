import { BRIDGE_KEY, type CofferBridge } from '../../shared/bridge';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract';
import type { Envelope } from '../../shared/errors';

/**
 * The renderer's only way to main. Stores call this; components call stores. It never throws:
 * a missing bridge or a broken transport becomes an error envelope like any other.
 */
export async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>> {
  const bridge = (window as unknown as Record<string, CofferBridge | undefined>)[BRIDGE_KEY];
  const fn = bridge?.[channel] as ((input: ChannelInput<C>) => Promise<Envelope<ChannelOutput<C>>>) | undefined;
  if (!fn) return { ok: false, error: { code: 'INTERNAL', message: 'The Coffer bridge is not available.' } };
  try {
    return await fn(input);
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'The request to Coffer failed.' } };
  }
}
