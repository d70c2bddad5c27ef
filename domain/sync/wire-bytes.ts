/**
 * Binary arguments on the wire. socket.io-msgpack-parser bundles notepack.io 2.2, whose
 * two builds disagree on bytes:
 *  - the browser encoder writes msgpack `bin` only for an ArrayBuffer; a Uint8Array is
 *    written as a map of its indices (the server rejects it as malformed);
 *  - the Node encoder writes `bin` only for a Buffer; any other ArrayBuffer or view goes
 *    out as msgpack `ext` type 0 carrying the view's *whole* underlying buffer, which the
 *    browser decoder hands over as `[0, ArrayBuffer]`.
 * So senders use `toWire` (a Buffer in Node, an exact ArrayBuffer in browsers: `bin`
 * either way) and receivers use `fromWire`, which accepts every form.
 */
export type WireBytes = Uint8Array | ArrayBuffer;

export function toWire(bytes: Uint8Array): WireBytes {
  // Bundlers give browsers a Buffer polyfill, which notepack's browser build does not
  // know either: only Node gets a Buffer.
  if (typeof window === 'undefined' && typeof Buffer !== 'undefined') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isWholeBuffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return isWholeBuffer ? bytes.buffer : bytes.slice().buffer;
}

/** Bytes from any form a msgpack peer may deliver, or null when the value is not binary. */
export function fromWire(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  // notepack's browser decoder returns msgpack ext as [type, data]; type 0 is its ArrayBuffer.
  if (Array.isArray(value) && value.length === 2 && value[0] === 0 && value[1] instanceof ArrayBuffer) return new Uint8Array(value[1]);
  return null;
}
