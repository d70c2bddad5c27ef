import { describe, expect, it } from 'vitest';
import { pgText } from './pg-text';

describe('pgText', () => {
  it('replaces every NUL and leaves everything else alone', () => {
    expect(pgText('notes/a\u0000b\u0000')).toBe('notes/a\uFFFDb\uFFFD');
    const other = `'"\\{},NULL \u00e9\u{1F91D}`;
    expect(pgText(other)).toBe(other);
  });
});
