import { describe, expect, it } from 'vitest';
import { fromWire, toWire } from './wire-bytes';

describe('wire bytes', () => {
  it('sends exactly the view’s bytes, not its whole underlying buffer', () => {
    const backing = new Uint8Array([9, 9, 1, 2, 3, 9]);
    const view = backing.subarray(2, 5);
    const wire = toWire(view);
    expect(Array.from(fromWire(wire) ?? [])).toEqual([1, 2, 3]);
  });

  it('reads Uint8Array, Buffer, ArrayBuffer and the browser decoder’s ext-0 pair', () => {
    const bytes = new Uint8Array([4, 5]);
    expect(fromWire(bytes)).toEqual(bytes);
    expect(fromWire(Buffer.from([4, 5]))).toEqual(Buffer.from([4, 5]));
    expect(fromWire(bytes.slice().buffer)).toEqual(bytes);
    expect(fromWire([0, bytes.slice().buffer])).toEqual(bytes);
  });

  it('refuses anything that is not binary', () => {
    expect(fromWire({ 0: 1, 1: 2 })).toBeNull();
    expect(fromWire([1, new ArrayBuffer(2)])).toBeNull();
    expect(fromWire('abc')).toBeNull();
  });
});
