import { appendFileSync, writeFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';

/**
 * A diagnostic for the bench (off unless `ACCORD_LATENCY_TRACE` names a file): where an
 * edit's time goes inside the server. The bench's clients insert markers `<t>` (the
 * sender's wall clock in ms); for each marker in an update this records when the server
 * received it, when the broadcast turn carrying it began, and when that turn's last frame
 * was written, plus the event loop's GC pauses. `bench/trace-report.ts` joins these with the
 * clients' apply times to split every delivery into client → server, in the server and
 * server → applied.
 *
 * Lines: `<stage> <marker> <wall ms>` and `gc <wall ms> <pause ms>`, appended once a second.
 * Off, it costs one null check per update.
 */
export type TraceStage = 'recv' | 'turn' | 'sent';

export interface LatencyTrace {
  mark(stage: TraceStage, bytes: Uint8Array): void;
  close(): void;
}

/** A trace file: lines buffered and appended once a second, with this thread's GC pauses. */
export interface TraceWriter {
  line(text: string): void;
  flush(): void;
  close(): void;
}

const MARKER = /<(\d+\.\d+)>/g;
const clock = () => performance.timeOrigin + performance.now();

/** Also used by the bench's load processes (bench/load/load-process.ts) for their side. */
export function openTraceWriter(file: string): TraceWriter {
  writeFileSync(file, '');
  let lines: string[] = [];
  const flush = () => {
    if (lines.length === 0) return;
    appendFileSync(file, `${lines.join('\n')}\n`);
    lines = [];
  };
  const timer = setInterval(flush, 1000);
  timer.unref();
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) lines.push(`gc ${(performance.timeOrigin + e.startTime).toFixed(3)} ${e.duration.toFixed(2)}`);
  });
  gc.observe({ entryTypes: ['gc'] });
  return {
    line: (text) => void lines.push(text),
    flush,
    close() {
      clearInterval(timer);
      gc.disconnect();
      flush();
    },
  };
}

export function openLatencyTrace(file: string | undefined): LatencyTrace | null {
  if (!file) return null;
  const writer = openTraceWriter(file);
  return {
    mark(stage, bytes) {
      const at = clock().toFixed(3);
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
      for (const m of text.matchAll(MARKER)) writer.line(`${stage} ${m[1]} ${at}`);
    },
    close: writer.close,
  };
}
