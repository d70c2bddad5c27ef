/** notepack.io 2.2 ships no types: the two functions the bench's wire client uses. */
declare module 'notepack.io' {
  export function encode(value: unknown): Buffer;
  export function decode(buffer: Buffer | Uint8Array): unknown;
}
