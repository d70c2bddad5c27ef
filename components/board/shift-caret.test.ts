import { describe, expect, it } from 'vitest';
import { shiftCaret } from './shift-caret';

describe('shiftCaret', () => {
  it('keeps a caret before the changed region where it was', () => {
    expect(shiftCaret('hello world', 'hello brave world', 3)).toBe(3);
  });
  it('moves a caret after the changed region by the change in length', () => {
    expect(shiftCaret('hello world', 'hello brave world', 8)).toBe(14);
    expect(shiftCaret('hello brave world', 'hello world', 14)).toBe(8);
  });
  it('puts a caret inside a replaced region at the end of the replacement', () => {
    expect(shiftCaret('abcdef', 'abXYZef', 3)).toBe(5);
  });
  it('leaves the caret alone when nothing changed', () => {
    expect(shiftCaret('same', 'same', 2)).toBe(2);
  });
});
