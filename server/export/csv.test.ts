import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from './csv';

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "yes"')).toBe('"say ""yes"""');
    expect(csvCell('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(4)).toBe('4');
  });

  it('keeps board text from running as a spreadsheet formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe('"\'=HYPERLINK(""http://evil.example"",""x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});

describe('csvDocument', () => {
  it('writes a byte-order mark, a header and one CRLF line per row, empty where a row has no value', () => {
    expect(csvDocument(['a', 'b'] as const, [{ a: 'x' }, { a: 1, b: 'y, z' }])).toBe('\uFEFFa,b\r\nx,\r\n1,"y, z"\r\n');
  });
});

describe('csvCell at the edges', () => {
  it('quotes line breaks and edge spaces, so a second line never becomes a row', () => {
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell('\tTab')).toBe('"\'\tTab"');
    expect(csvCell('año')).toBe('año');
  });
});
