import type { ChannelName } from '../../shared/contract';

/**
 * Control characters in text input. Nobody types them; they arrive from pasted binary, a broken
 * client or an attacker, and further in they break SQLite text matching (a NUL ends a C string),
 * log lines and exports. The router refuses them in every string of every payload, before any
 * schema or handler runs: C0 controls, DEL and the C1 block. Tab, line feed and carriage return
 * are allowed only in the fields below, which people write on several lines.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NEVER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_BREAKS = /[\t\n\r]/;

/** Dotted paths (as in an INVALID_INPUT field) of multi-line text, per channel. */
export const MULTILINE_FIELDS: { readonly [C in ChannelName]?: readonly string[] } = {
  'customers.create': ['notes'],
  'customers.update': ['changes.notes'],
  'interactions.add': ['summary'],
  'dataRules.set': ['text'],
  'privacyRequests.create': ['summary'],
  'privacyRequests.act': ['note', 'outcome', 'reason', 'analysis'],
  'consent.addNotice': ['text'],
  'breach.create': ['summary', 'actionsTaken'],
  'breach.update': ['summary', 'actionsTaken'],
  'breach.setStatus': ['note'],
};

/**
 * Values Coffer itself handed out and gets back unchanged: a page cursor holds the last row's
 * sort value, which may be a name saved before this check existed. Refusing it would stop the
 * list from paging past that customer; it is only ever a bound parameter.
 */
export const ECHOED_FIELDS: { readonly [C in ChannelName]?: readonly string[] } = {
  'customers.list': ['after.value'],
};

/** Paths of the strings (and object keys) in `input` holding a control character they may not. */
export function controlCharacterPaths(channel: ChannelName, input: unknown, max: number): (string | number)[][] {
  const multiline = new Set(MULTILINE_FIELDS[channel] ?? []);
  const echoed = new Set(ECHOED_FIELDS[channel] ?? []);
  const found: (string | number)[][] = [];
  const visit = (node: unknown, path: (string | number)[]): void => {
    if (found.length >= max) return;
    if (typeof node === 'string') {
      if (echoed.has(path.join('.'))) return;
      if (NEVER.test(node) || (LINE_BREAKS.test(node) && !multiline.has(path.join('.')))) found.push(path);
      return;
    }
    if (Array.isArray(node)) node.forEach((item, index) => visit(item, [...path, index]));
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (NEVER.test(key) || LINE_BREAKS.test(key)) found.push([...path, key]);
        else visit(value, [...path, key]);
      }
    }
  };
  visit(input, []);
  return found;
}
