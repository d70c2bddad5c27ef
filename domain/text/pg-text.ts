/**
 * PostgreSQL's text cannot hold U+0000, and a statement carrying one fails every time it is
 * retried. Text that comes from people's documents (map keys in attribution targets, board
 * titles) passes through here on its way to a text column: NUL becomes U+FFFD.
 */
export function pgText(s: string): string {
  return s.includes('\u0000') ? s.replaceAll('\u0000', '\uFFFD') : s;
}
