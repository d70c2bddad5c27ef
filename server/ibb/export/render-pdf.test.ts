import { describe, expect, it } from 'vitest';
import { toWinAnsi } from './render-pdf';

describe('toWinAnsi', () => {
  it('keeps Latin-1 accents and typographic punctuation', () => {
    expect(toWinAnsi('Niños — “año” €5 Ü')).toBe('Niños — “año” €5 Ü');
  });

  it('reduces other letters to their base letter and shows the rest as ?', () => {
    expect(toWinAnsi('Łódź ő ǅ')).toBe('?ódz o Dz');
    expect(toWinAnsi('中文 😀')).toBe('?? ?');
  });

  it('normalises line ends and tabs', () => {
    expect(toWinAnsi('a\r\nb\tc')).toBe('a\nb    c');
  });
});
