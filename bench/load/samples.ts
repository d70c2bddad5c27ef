/** A growable list of millisecond samples (a bench run collects close to a million). */
export class Samples {
  private values = new Float64Array(1 << 16);
  private length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length++] = value;
  }

  toArray(): Float64Array {
    return this.values.slice(0, this.length);
  }
}

export interface Percentiles {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export function percentiles(parts: Float64Array[]): Percentiles {
  const count = parts.reduce((n, p) => n + p.length, 0);
  const all = new Float64Array(count);
  let offset = 0;
  for (const p of parts) {
    all.set(p, offset);
    offset += p.length;
  }
  all.sort();
  const at = (q: number) => (count === 0 ? Number.NaN : (all[Math.min(count - 1, Math.floor(q * count))] ?? Number.NaN));
  return { count, p50: at(0.5), p99: at(0.99), max: at(1) };
}
