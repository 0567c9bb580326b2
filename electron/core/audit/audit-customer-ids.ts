/**
 * The customer ids an audit row records, as compact text: sorted, each after the first written
 * as the step from the one before, in base 36, comma-separated. A page of 50 customers out of
 * 100,000 takes about 150 characters; the page's order is not kept (a set is what is asked).
 */
export function encodeCustomerIds(ids: readonly number[]): string | null {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  for (const id of sorted) {
    if (!Number.isSafeInteger(id) || id < 1) throw new Error('audit customer ids must be positive integers');
  }
  return sorted.map((id, i) => (i === 0 ? id : id - sorted[i - 1]!).toString(36)).join(',');
}

const ENCODED = /^[0-9a-z]+(,[0-9a-z]+)*$/;

/** The ids back; text that is not this encoding throws (a stored row was tampered with). */
export function decodeCustomerIds(text: string | null): number[] {
  if (text === null || text === '') return [];
  if (!ENCODED.test(text)) throw new Error('audit customer ids are not in the stored form');
  let id = 0;
  return text.split(',').map((part) => (id += parseInt(part, 36)));
}
