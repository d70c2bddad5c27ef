import * as ws from 'ws';

/** ws's frame builder (exported by ws, not declared in @types/ws): header and payload buffers. */
const Sender = (ws as unknown as { Sender?: { frame?(data: Buffer, options: Record<string, unknown>): Buffer[] } }).Sender;

type EncodeHook = (this: unknown, packet: unknown, packetOpts: Record<string, unknown>) => unknown[];

/**
 * One WebSocket frame per broadcast, not per recipient.
 *
 * socket.io's adapter encodes a broadcast packet once, and for text packets it also
 * builds the WebSocket frame once (`wsPreEncodedFrame`), which engine.io's websocket
 * transport then writes to every recipient as is. Our packets are binary (msgpack), so
 * each recipient would frame the same bytes again (engine.io-parser, ws's sender, a
 * two-buffer corked write). This does for binary packets what socket.io does for text:
 * the frame (header and payload in one buffer, so each recipient costs one plain write)
 * is built when the packet is encoded. Recipients on long-polling never look at it.
 *
 * Patches the given adapter instance (the namespace's; the Redis adapter inherits the
 * same `_encode`). An adapter without the hook is left alone: broadcasts then take the
 * ordinary path and only cost more.
 */
export function preEncodeBinaryFrames(adapter: object): boolean {
  const target = adapter as { _encode?: EncodeHook };
  const original = target._encode;
  const frame = Sender?.frame?.bind(Sender);
  if (typeof original !== 'function' || !frame) return false;
  target._encode = function (packet, packetOpts) {
    const encoded = original.call(this, packet, packetOpts);
    const only = encoded.length === 1 ? encoded[0] : undefined;
    if (packetOpts.wsPreEncodedFrame === undefined && only instanceof Uint8Array) {
      const [header, payload] = frame(Buffer.from(only.buffer, only.byteOffset, only.byteLength), {
        fin: true,
        opcode: 0x02, // binary
        mask: false,
        readOnly: false,
        rsv1: false,
      });
      packetOpts.wsPreEncodedFrame = [Buffer.concat([header!, payload!])];
    }
    return encoded;
  };
  return true;
}
