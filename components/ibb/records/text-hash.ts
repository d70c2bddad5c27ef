import { sha256 } from 'hash-wasm';
import { canonicalTaText } from '../../../domain/ibb/session-rules';

/**
 * SHA-256 (hex) of the canonical form of the text on the screen — what initials and
 * approvals bind to. hash-wasm rather than crypto.subtle, which exists only in secure
 * contexts (a plain-HTTP intranet address has none).
 */
export function hashDisplayedText(text: string): Promise<string> {
  return sha256(canonicalTaText(text));
}

/** The first characters of a hash, grouped, for reading aloud across the table. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12).replace(/(.{4})(?=.)/g, '$1 ');
}
