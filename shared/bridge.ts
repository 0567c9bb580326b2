import type { ChannelInput, ChannelName, ChannelOutput } from './contract';
import type { Envelope } from './errors';

/** What the preload puts on window.coffer: one function per contract channel, nothing else. */
export type CofferBridge = {
  readonly [C in ChannelName]: (input: ChannelInput<C>) => Promise<Envelope<ChannelOutput<C>>>;
};

/** The global name under which the bridge is exposed. */
export const BRIDGE_KEY = 'coffer';
