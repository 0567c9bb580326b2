import type { ChannelInput, ChannelName, ChannelOutput } from './contract';
import type { Envelope } from './errors';

/** What the preload puts on window.coffer: one function per contract channel, nothing else. */
export type CofferBridge = {
  readonly [C in ChannelName]: (input: ChannelInput<C>) => Promise<Envelope<ChannelOutput<C>>>;
};

/** The global name under which the bridge is exposed. */
export const BRIDGE_KEY = 'coffer';

/**
 * Builds the bridge object from the contract's channel names and one transport function. The
 * preload passes ipcRenderer.invoke; nothing but these named functions is ever exposed.
 */
export function createBridge(
  channelNames: readonly ChannelName[],
  invoke: (channel: ChannelName, input: unknown) => Promise<unknown>,
): CofferBridge {
  const bridge: Record<string, (input: unknown) => Promise<unknown>> = Object.create(null);
  for (const name of channelNames) bridge[name] = (input: unknown) => invoke(name, input);
  return Object.freeze(bridge) as unknown as CofferBridge;
}
