/** The servers the bench compares, and the IPC messages between the runner and its load processes. */
export type ServerKind = 'accord' | 'accord-socket.io' | 'y-websocket' | 'hocuspocus';

/** Accord with either client: the wire-level one (default) or socket.io-client. */
export function isAccord(kind: ServerKind): boolean {
  return kind === 'accord' || kind === 'accord-socket.io';
}

/** One simulated editor: which server (node) it talks to, which doc, and its session. */
export interface ClientSpec {
  url: string;
  doc: string;
  /** Accord only: the session cookie header of the person this client signs in as. */
  cookie?: string;
}

/** What a load process's clients did during the edit window. */
export interface EditReport {
  /** Doc → edits made by this process's clients. */
  edits: Record<string, number>;
  /** Doc → this process's clients in it. */
  clients: Record<string, number>;
  /** Edits the schedule asked for (one per client per second). */
  planned: number;
}

/** What a load process's clients received, over the edits and the drain. */
export interface DrainReport {
  /** Edit on the sender → applied on this client, in ms, one per delivery of an edit made after the warm-up. */
  latencies: Float64Array;
  /** The same for edits made during the warm-up (reported apart: JIT, first allocations). */
  warmupLatencies: Float64Array;
  /** Accord only: send → durable ack, in ms. */
  acks: Float64Array;
  received: number;
  /** Protocol errors seen by clients, by code (Accord's doc:error, failed acks). */
  errors: Record<string, number>;
  /** CPU seconds the process used, and how busy its event loop was (0..1). */
  cpuSeconds: number;
  busy: number;
}

export type ToLoad =
  | { type: 'connect'; kind: ServerKind; clients: ClientSpec[] }
  /** Edit for `warmupSeconds` + `seconds`; latencies of warm-up edits are kept apart. */
  | { type: 'run'; seconds: number; warmupSeconds: number }
  /** Wait for the deliveries still in flight: until `expected` arrived, nothing came for 10 s, or `maxSeconds`. */
  | { type: 'drain'; expected: number; maxSeconds: number }
  | { type: 'close' };

export type FromLoad =
  | { type: 'connected'; ms: number }
  | { type: 'edited'; report: EditReport }
  | { type: 'drained'; report: DrainReport }
  | { type: 'closed' }
  | { type: 'failed'; error: string };
