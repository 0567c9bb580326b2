import { BRIDGE_KEY, type CofferBridge } from '../../shared/bridge';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract';
import type { Envelope } from '../../shared/errors';

/**
 * The renderer's only way to main. Stores call this; components call stores. It never throws:
 * a missing bridge or a broken transport becomes an error envelope like any other.
 */
export async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>> {
  const result = await send(channel, input);
  // A monitoring rule asked this user to prove it is still them (shared/monitoring.ts, step-up):
  // the one central place every store and query goes through asks for the password once, then
  // repeats the call. A cancel hands back the refusal like any other.
  if (!result.ok && result.error.code === 'STEP_UP_REQUIRED' && channel !== 'session.stepUp' && stepUp && (await stepUp())) return send(channel, input);
  return result;
}

/** Answers whether the user re-entered their password (features/alerts/StepUpDialog.tsx sets it while signed in). */
let stepUp: (() => Promise<boolean>) | null = null;

export function setStepUpHandler(handler: (() => Promise<boolean>) | null): void {
  stepUp = handler;
}

async function send<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>> {
  const bridge = (window as unknown as Record<string, CofferBridge | undefined>)[BRIDGE_KEY];
  const fn = bridge?.[channel] as ((input: ChannelInput<C>) => Promise<Envelope<ChannelOutput<C>>>) | undefined;
  if (!fn) return { ok: false, error: { code: 'INTERNAL', message: 'The Coffer bridge is not available.' } };
  try {
    return await fn(input);
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'The request to Coffer failed.' } };
  }
}
