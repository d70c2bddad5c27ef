import { describe, expect, it } from 'vitest';
import { fileStem } from './file-stem';

describe('fileStem', () => {
  it('keeps letters and digits, drops accents, joins the rest with hyphens', () => {
    expect(fileStem('Año escolar 2026–27: ¿qué planeamos?', 'board')).toBe('ano-escolar-2026-27-que-planeamos');
  });
  it('uses the fallback when nothing is left', () => {
    expect(fileStem('— ¡! —', 'board')).toBe('board');
    expect(fileStem('協議', 'ibb')).toBe('ibb');
  });
  it('stops at 60 characters without a trailing hyphen', () => {
    const stem = fileStem(`${'a'.repeat(59)} b`, 'board');
    expect(stem).toBe('a'.repeat(59));
  });
});
