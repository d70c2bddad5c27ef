/**
 * The only links Accord ever renders from shared content: http(s) and mailto. Anything
 * else (javascript:, data:, vbscript:, relative tricks, control characters) is not a link.
 * Shared docs are plain text; this guards every place that turns text into a link.
 */
export function safeHref(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const value = raw.trim();
  if (value.length === 0 || value.length > 2000 || /[\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'mailto:') return null;
  return url.toString();
}

/** Splits plain text into text and safe-link pieces for rendering (never HTML). */
export function linkify(text: string): ({ kind: 'text'; value: string } | { kind: 'link'; value: string; href: string })[] {
  const out: ({ kind: 'text'; value: string } | { kind: 'link'; value: string; href: string })[] = [];
  const pattern = /\bhttps?:\/\/[^\s<>"']+/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const start = m.index ?? 0;
    const href = safeHref(m[0]);
    if (!href) continue;
    if (start > last) out.push({ kind: 'text', value: text.slice(last, start) });
    out.push({ kind: 'link', value: m[0], href });
    last = start + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', value: text.slice(last) });
  return out;
}
