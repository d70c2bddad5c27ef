/**
 * A download's file name stem from a title people typed: accents dropped, lower-case ASCII
 * letters and digits joined by hyphens, at most 60 characters; `fallback` when nothing is
 * left (a title in another script, or only punctuation).
 */
export function fileStem(title: string, fallback: string): string {
  const stem = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return stem || fallback;
}
