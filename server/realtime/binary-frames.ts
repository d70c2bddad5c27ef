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
  if (typeof original !== 'function' || !Sender?.frame) return false;
  target._encode = function (packet, packetOpts) {
    const encoded = original.call(this, packet, packetOpts);
    if (packetOpts.wsPreEncodedFrame === undefined) {
      const frame = binaryFrameOf(encoded);
      if (frame) packetOpts.wsPreEncodedFrame = frame;
    }
    return encoded;
  };
  return true;
}

/**
 * One complete unmasked binary WebSocket frame (header and payload in one buffer) for an
 * encoded socket.io packet that is a single binary part of at most `maxBytes`, as our
 * msgpack packets are; null for anything else.
 */
export function binaryFrameOf(encoded: unknown, maxBytes = Infinity): Buffer[] | null {
  const only = Array.isArray(encoded) && encoded.length === 1 ? (encoded[0] as unknown) : undefined;
  if (!(only instanceof Uint8Array) || only.byteLength > maxBytes || !Sender?.frame) return null;
  const [header, payload] = Sender.frame(Buffer.from(only.buffer, only.byteOffset, only.byteLength), {
    fin: true,
    opcode: 0x02, // binary
    mask: false,
    readOnly: false,
    rsv1: false,
  });
  return [Buffer.concat([header!, payload!])];
}

interface EngineConn {
  readyState?: string;
  upgrading?: boolean;
  writeBuffer?: unknown[];
  transport?: {
    name?: string;
    writable?: boolean;
    socket?: { readyState?: number; _sender?: { _state?: number; sendFrame?(list: Buffer[]): void } };
  };
}

/** The connection's WebSocket sender when a frame can go straight to it, else null. */
function idleWebSocketSender(conn: EngineConn | undefined): { sendFrame(list: Buffer[]): void } | null {
  const transport = conn?.transport;
  const sender = transport?.socket?._sender;
  const isIdle =
    conn?.readyState === 'open' &&
    conn.upgrading === false &&
    conn.writeBuffer?.length === 0 &&
    transport?.name === 'websocket' &&
    transport.writable === true &&
    transport.socket?.readyState === 1 && // OPEN
    sender?._state === 0; // ws's sender is not deflating or reading a blob: nothing queued there
  return isIdle && typeof sender.sendFrame === 'function' ? (sender as { sendFrame(list: Buffer[]): void }) : null;
}

const patchedClients = new WeakSet<object>();

/**
 * A packet for one socket is framed here (header and payload copied into one buffer) up
 * to this size; a larger one (a big step 2) takes engine.io's path, which writes the
 * payload without copying it.
 */
const OWN_FRAME_MAX_BYTES = 64 * 1024;

/**
 * Lets a socket.io client (one engine.io connection) write its packets straight to its
 * WebSocket as single frames when engine.io has nothing queued for it: no packet object,
 * flush events or per-write completion callback, and one write instead of a corked
 * header-and-payload pair. Broadcasts come with their frame built once for every
 * recipient (`preEncodeBinaryFrames`); a packet for this socket alone (an ack, a step 2,
 * an error; up to 64 KiB) is framed here. Anything else (a busy or upgrading connection,
 * long-polling, a larger packet) takes engine.io's path as before, so order is kept: a
 * direct write happens only when every earlier packet has already been handed to the
 * socket.
 */
export function writeBinaryFramesDirectly(client: object): boolean {
  const target = client as { conn?: EngineConn; writeToEngine?: (packets: unknown, opts: Record<string, unknown>) => void };
  const original = target.writeToEngine;
  if (typeof original !== 'function') return false;
  if (patchedClients.has(client)) return true;
  patchedClients.add(client);
  target.writeToEngine = function (packets, opts) {
    const sender = idleWebSocketSender(target.conn);
    const frame = sender ? ((opts.wsPreEncodedFrame as Buffer[] | undefined) ?? binaryFrameOf(packets, OWN_FRAME_MAX_BYTES)) : null;
    if (sender && frame) sender.sendFrame(frame);
    else original.call(this, packets, opts);
  };
  return true;
}
