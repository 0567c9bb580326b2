import type { z } from 'zod';
import { contract, isChannelName, type ChannelName, type ChannelOutput, type Contract } from '../../shared/contract';
import { CofferError, type Envelope, type ErrorBody } from '../../shared/errors';
import type { Permission } from '../../shared/permissions';
import type { Session } from '../core/auth/session-service';
import { controlCharacterPaths } from './control-characters';

/**
 * The one door between renderer and main. Every call goes: channel check -> plain data without
 * control characters -> input validation -> session -> authorization -> handler -> output parse
 * (strips anything not in the contract) -> envelope. It never throws and never returns a stack trace.
 *
 * No 'electron' import here: Electron's ipcMain (electron/ipc/ipc-main.ts) and the end-to-end
 * harness both drive this same object.
 */

/** Who is calling. Derived by main from event.sender, never from anything the renderer sends. */
export interface Caller {
  readonly senderId: string;
}

export interface HandlerContext {
  readonly caller: Caller;
  /** Present on every channel that needs a permission; undefined on public ones. */
  readonly session: Session | undefined;
}

/** For handlers of non-public channels: the router has already authorized this session. */
export function requireSession(session: Session | undefined): Session {
  if (!session) throw new CofferError('UNAUTHENTICATED', 'Sign in to continue.');
  return session;
}

export type Handler<C extends ChannelName> = (
  input: z.output<Contract[C]['input']>,
  context: HandlerContext,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

export type HandlerMap = { [C in ChannelName]: Handler<C> };

export interface RouterDeps {
  handlers: HandlerMap;
  /**
   * Finds the caller's session and checks the permission; throws a CofferError (LOCKED,
   * UNAUTHENTICATED, FORBIDDEN) otherwise. Only called for non-public channels.
   */
  authorize: (caller: Caller, permission: Permission) => Session;
  /** Called with a short, data-free description of unexpected failures. */
  logInternal?: (line: string) => void;
  /**
   * Records a refused call (unknown channel, bad payload, missing permission). `channel` is ours
   * (a contract name) or undefined when the caller sent something else: never its raw text.
   */
  onRefused?: (caller: Caller, channel: ChannelName | undefined, code: 'UNKNOWN_CHANNEL' | 'INVALID_INPUT' | 'FORBIDDEN') => void;
}

export interface Router {
  dispatch(caller: Caller, channel: unknown, input: unknown): Promise<Envelope<unknown>>;
}

const MAX_ISSUES_REPORTED = 20;

export function createRouter(deps: RouterDeps): Router {
  const log = deps.logInternal ?? (() => undefined);
  const refused = (caller: Caller, channel: ChannelName | undefined, code: 'UNKNOWN_CHANNEL' | 'INVALID_INPUT' | 'FORBIDDEN') => {
    try {
      deps.onRefused?.(caller, channel, code);
    } catch {
      log('could not record a refused call');
    }
  };

  async function dispatch(caller: Caller, channel: unknown, input: unknown): Promise<Envelope<unknown>> {
    // Never echo the channel name or input back: they are attacker-controlled strings.
    if (!isChannelName(channel)) {
      refused(caller, undefined, 'UNKNOWN_CHANNEL');
      return fail({ code: 'UNKNOWN_CHANNEL', message: 'Unknown channel.' });
    }
    const spec = contract[channel];
    try {
      if (!isPlainData(input)) {
        refused(caller, channel, 'INVALID_INPUT');
        return fail({ code: 'INVALID_INPUT', message: 'The request was not in the expected form.', fields: { '(input)': 'not_plain_data' } });
      }
      const controls = controlCharacterPaths(channel, input, MAX_ISSUES_REPORTED);
      if (controls.length > 0) {
        refused(caller, channel, 'INVALID_INPUT');
        const fields = Object.fromEntries(controls.map((p) => [p.map(safeSegment).join('.') || '(input)', 'control_character']));
        return fail({ code: 'INVALID_INPUT', message: 'The text contains control characters (invisible codes such as NUL). Retype it or paste it as plain text.', fields });
      }
      const parsed = spec.input.safeParse(input);
      if (!parsed.success) {
        refused(caller, channel, 'INVALID_INPUT');
        return fail(invalidInput(parsed.error));
      }
      const session = spec.permission === 'public' ? undefined : deps.authorize(caller, spec.permission);
      const handler = deps.handlers[channel] as Handler<typeof channel>;
      const result = await handler(parsed.data as never, { caller, session });
      const output = spec.output.safeParse(result);
      if (!output.success) {
        // Fail closed: a handler that returns the wrong shape sends nothing.
        log(`output of ${channel} did not match the contract`);
        return fail({ code: 'INTERNAL', message: 'Something went wrong inside Coffer. Your data is unchanged.' });
      }
      return { ok: true, value: output.data };
    } catch (error) {
      if (error instanceof CofferError) {
        if (error.code === 'FORBIDDEN') refused(caller, channel, 'FORBIDDEN');
        const body: ErrorBody = { code: error.code, message: error.message };
        if (error.fields) body.fields = error.fields;
        return fail(body);
      }
      // Only the error's class name is logged: driver messages can quote values.
      log(`${channel} failed with ${error instanceof Error ? error.name : typeof error}`);
      return fail({ code: 'INTERNAL', message: 'Something went wrong inside Coffer. Your data is unchanged.' });
    }
  }

  return { dispatch };
}

const MAX_DEPTH = 16;
const MAX_NODES = 10_000;

/**
 * Payloads must be JSON-shaped: plain objects, arrays, strings, finite numbers, booleans, null.
 * Maps, Dates, class instances, getters or absurd nesting are refused before any schema runs,
 * so Electron's structured clone and the e2e harness's JSON behave the same.
 */
export function isPlainData(value: unknown): boolean {
  let nodes = 0;
  const visit = (node: unknown, depth: number): boolean => {
    nodes += 1;
    if (nodes > MAX_NODES || depth > MAX_DEPTH) return false;
    if (node === null || typeof node === 'string' || typeof node === 'boolean') return true;
    if (typeof node === 'number') return Number.isFinite(node);
    if (typeof node !== 'object') return false;
    if (Array.isArray(node)) return node.every((item) => visit(item, depth + 1));
    const proto = Object.getPrototypeOf(node);
    if (proto !== Object.prototype && proto !== null) return false;
    for (const key of Reflect.ownKeys(node)) {
      if (typeof key !== 'string') return false;
      const descriptor = Object.getOwnPropertyDescriptor(node, key);
      if (!descriptor || !('value' in descriptor) || !visit(descriptor.value, depth + 1)) return false;
    }
    return true;
  };
  return visit(value, 0);
}

function fail(error: ErrorBody): Envelope<never> {
  return { ok: false, error };
}

function invalidInput(error: z.ZodError): ErrorBody {
  const fields: Record<string, string> = {};
  for (const issue of error.issues.slice(0, MAX_ISSUES_REPORTED)) {
    // Paths are built from the schema's own keys or array indexes; unknown keys are reported
    // as a count, never by name, so a hostile key cannot reflect into the UI.
    const key = issue.code === 'unrecognized_keys' ? '(unknown keys)' : issue.path.map(safeSegment).join('.') || '(input)';
    // Our own refinements carry a reason code (invalid_phone ...) as their message.
    fields[key] = issue.code === 'custom' && /^[a-z_]{1,40}$/.test(issue.message) ? issue.message : issue.code;
  }
  return { code: 'INVALID_INPUT', message: 'The request was not in the expected form.', fields };
}

function safeSegment(segment: PropertyKey): string {
  if (typeof segment === 'number') return String(segment);
  const text = String(segment);
  return /^[A-Za-z0-9_]{1,40}$/.test(text) ? text : '?';
}
