import type { TextEncoding } from '../../../shared/import';
import { HEADER_SEARCH_ROWS, isKnownHeader } from './headers';

/**
 * A text file's encoding. Excel on Chinese Windows saves "CSV" in GBK, WPS and others in UTF-8,
 * Hong Kong and Taiwan files come in Big5, and "Unicode text" is UTF-16. Statistical detectors
 * fail on a few Chinese headers, and Big5 bytes decoded as GB18030 give no error, only mojibake
 * (陳大文 -> 朝ゅ): so every plausible decoding is tried and ranked by how many cells of the
 * first rows are headers Coffer knows.
 */
const LABELS: Record<TextEncoding, string> = {
  utf8: 'utf-8',
  gb18030: 'gb18030',
  big5: 'big5',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
};

// On equal header hits: strict UTF-8 that decoded is near proof; then GB18030 (mainland default).
const PREFERENCE: TextEncoding[] = ['utf8', 'utf16le', 'utf16be', 'gb18030', 'big5'];

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  encodingCandidates: { encoding: TextEncoding; headerHits: number }[];
  /** Whether some encoding decoded every byte (no replacement characters). */
  clean: boolean;
}

function bomOf(bytes: Uint8Array): TextEncoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  return null;
}

/**
 * UTF-16 without a BOM: ASCII (digits, commas, line breaks) has a NUL in every other byte, on the
 * odd side for little-endian and the even side for big-endian; Chinese alone has almost none.
 */
function utf16ByNuls(bytes: Uint8Array): TextEncoding | null {
  const n = Math.min(bytes.length, 8192) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even += 1;
    if (bytes[i + 1] === 0) odd += 1;
  }
  const pairs = n / 2;
  if (pairs === 0) return null;
  if (odd > pairs * 0.2 && even < pairs * 0.02) return 'utf16le';
  if (even > pairs * 0.2 && odd < pairs * 0.02) return 'utf16be';
  return null;
}

/** The BOM (when it matches) is dropped by TextDecoder itself. */
function decodeAs(bytes: Uint8Array, encoding: TextEncoding, fatal: boolean): string | null {
  try {
    return new TextDecoder(LABELS[encoding], { fatal }).decode(bytes);
  } catch {
    return null;
  }
}

/** Known headers among the cells of the first ten non-empty lines, split on any delimiter. */
export function countHeaderHits(text: string): number {
  let hits = 0;
  let lines = 0;
  for (const line of text.slice(0, 64 * 1024).split(/\r\n|\n|\r/)) {
    if (line.trim() === '') continue;
    if (++lines > HEADER_SEARCH_ROWS) break;
    for (const cell of line.split(/[,;\t|]/)) if (isKnownHeader(cell.replace(/"/g, ''))) hits += 1;
  }
  return hits;
}

/**
 * Tie-break between legacy decodings that found no header: mojibake shows up as kana, Hangul,
 * private-use, rare-extension or Latin-1 letters among the Chinese.
 */
function plausibility(text: string): number {
  let score = 0;
  for (const ch of text.slice(0, 16 * 1024)) {
    const c = ch.codePointAt(0)!;
    const common = c < 0x7f || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef);
    score += common ? 1 : -3;
  }
  return score;
}

export function decodeText(bytes: Uint8Array, override?: TextEncoding): DecodedText {
  const bom = bomOf(bytes);
  const utf16 = bom ? null : utf16ByNuls(bytes);
  const tried: TextEncoding[] = bom ? [bom] : utf16 ? [utf16] : ['utf8', 'gb18030', 'big5'];
  const decoded = tried.flatMap((encoding) => {
    const text = decodeAs(bytes, encoding, true);
    return text === null ? [] : [{ encoding, text, hits: countHeaderHits(text) }];
  });
  decoded.sort((a, b) => {
    if (a.hits !== b.hits) return b.hits - a.hits;
    if (a.encoding === 'utf8' || b.encoding === 'utf8') return a.encoding === 'utf8' ? -1 : 1;
    return plausibility(b.text) - plausibility(a.text) || PREFERENCE.indexOf(a.encoding) - PREFERENCE.indexOf(b.encoding);
  });
  const encodingCandidates = decoded.map(({ encoding, hits }) => ({ encoding, headerHits: hits }));
  if (override) {
    // The person's choice wins, even where it does not decode cleanly (they see the result).
    const text = decoded.find((d) => d.encoding === override)?.text ?? decodeAs(bytes, override, false) ?? '';
    if (!encodingCandidates.some((c) => c.encoding === override)) encodingCandidates.push({ encoding: override, headerHits: countHeaderHits(text) });
    return { text, encoding: override, encodingCandidates, clean: !text.includes('\uFFFD') };
  }
  const best = decoded[0];
  if (best) return { text: best.text, encoding: best.encoding, encodingCandidates, clean: true };
  // Nothing decodes strictly (a damaged or binary file): GB18030 with replacement characters
  // shows the person what is there, and the override is offered.
  return { text: decodeAs(bytes, 'gb18030', false) ?? '', encoding: 'gb18030', encodingCandidates, clean: false };
}

/** Control characters other than tab and line breaks: a binary file, not text someone saved. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 64 * 1024);
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd) odd += 1;
  }
  return odd > sample.length * 0.01;
}
