/**
 * A random id for a note, column or comment. `crypto.randomUUID` exists only in secure
 * contexts, so a plain-HTTP intranet address falls back to 128 random bits in hex.
 */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
