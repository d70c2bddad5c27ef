import { describe, expect, it } from 'vitest';
import { canonicalTaText, evaluateConsensus, isValidAnswer } from './session-rules';

describe('consensus rule', () => {
  it('reaches consensus when nobody is below the threshold and both parties answered', () => {
    const r = evaluateConsensus([
      { userId: 'a', party: 'labor', value: 3 },
      { userId: 'b', party: 'labor', value: 5 },
      { userId: 'c', party: 'management', value: 4 },
    ]);
    expect(r.reached).toBe(true);
    expect(r.byParty.labor).toMatchObject({ answered: 2, min: 3, mean: 4, belowThreshold: 0 });
  });

  it('fails when anyone is below, and names who may state a concern', () => {
    const r = evaluateConsensus([
      { userId: 'a', party: 'labor', value: 5 },
      { userId: 'c', party: 'management', value: 2 },
    ]);
    expect(r.reached).toBe(false);
    expect(r.belowThreshold).toEqual(['c']);
    expect(r.byParty.management.distribution).toEqual({ 2: 1 });
  });

  it('needs both parties', () => {
    expect(evaluateConsensus([{ userId: 'a', party: 'labor', value: 5 }]).reached).toBe(false);
  });

  it('accepts only the scale’s values', () => {
    expect(isValidAnswer('fist_to_five', 0)).toBe(true);
    expect(isValidAnswer('fist_to_five', 6)).toBe(false);
    expect(isValidAnswer('fist_to_five', 2.5)).toBe(false);
    expect(isValidAnswer('thumbs', 3)).toBe(true);
    expect(isValidAnswer('thumbs', 4)).toBe(false);
  });
});

describe('tentative agreement text', () => {
  it('is canonical: line endings, trailing spaces and composed characters do not change it', () => {
    expect(canonicalTaText('Art. 5 \r\nClass size: 28.  \n\n')).toBe('Art. 5\nClass size: 28.');
    expect(canonicalTaText('Compensaci\u006f\u0301n')).toBe(canonicalTaText('Compensació\u006e'.replace('ó', '\u00f3')));
  });
});
