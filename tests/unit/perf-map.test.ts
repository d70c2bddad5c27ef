import { describe, expect, it } from 'vitest';
import { formatPerfMap, latestWins, parsePerfMap } from '../../bench/perf-map';

describe('bench/perf-map: a V8 perf map with reused addresses', () => {
  it('names each address after the latest code placed there', () => {
    const map = parsePerfMap(['1000 100 JS:*getToken jwt.js:85', '1000 80 JS:*emit local-fanout.ts:1', '2000 10 JS:*other a.js:1', ''].join('\n'));
    // 0x1000–0x107f now holds emit; getToken's tail 0x1080–0x10ff was not reused.
    expect(formatPerfMap(latestWins(map))).toBe(['1000 80 JS:*emit local-fanout.ts:1', '1080 80 JS:*getToken jwt.js:85', '2000 10 JS:*other a.js:1', ''].join('\n'));
  });

  it('keeps an older entry around a newer one inside it as two pieces', () => {
    const map = parsePerfMap(['100 100 JS:old', '140 20 JS:new'].join('\n'));
    expect(latestWins(map).map((e) => [e.start.toString(16), e.size.toString(16), e.name])).toEqual([
      ['100', '40', 'JS:old'],
      ['140', '20', 'JS:new'],
      ['160', 'a0', 'JS:old'],
    ]);
  });

  it('leaves a map without overlaps as it was, and skips lines that are not entries', () => {
    const text = ['10 10 a', 'garbage', '30 0 empty', '40 8 b c d', ''].join('\n');
    expect(formatPerfMap(latestWins(parsePerfMap(text)))).toBe(['10 10 a', '40 8 b c d', ''].join('\n'));
  });
});
