// A small closed-loop load generator: `concurrency` workers issue requests
// back to back for `durationMs`; reports throughput and latency percentiles.
// Traffic goes only to the local stack on 127.0.0.1.

export interface LoadResult {
  name: string;
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export async function measure(opts: {
  name: string;
  concurrency: number;
  durationMs: number;
  /** One request; throw (or return false) on a failed response. */
  request: (i: number) => Promise<boolean | void>;
  warmupMs?: number;
}): Promise<LoadResult> {
  const run = async (ms: number, record: boolean) => {
    const latencies: number[] = [];
    let errors = 0;
    let i = 0;
    const end = performance.now() + ms;
    const worker = async () => {
      while (performance.now() < end) {
        const started = performance.now();
        const ok = await opts.request(i++).then((r) => r !== false, () => false);
        if (!ok) errors++;
        if (record) latencies.push(performance.now() - started);
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
    return { latencies, errors, seconds: (performance.now() - t0) / 1000 };
  };
  await run(opts.warmupMs ?? 1000, false);
  const { latencies, errors, seconds } = await run(opts.durationMs, true);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return {
    name: opts.name,
    requests: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: pct(0.5),
    p99Ms: pct(0.99),
  };
}

export function formatResult(r: LoadResult): string {
  return `${r.name.padEnd(58)} ${r.perSecond.toFixed(0).padStart(7)}/s  p50 ${r.p50Ms.toFixed(1).padStart(6)} ms  p99 ${r.p99Ms.toFixed(1).padStart(6)} ms  (${r.requests} req, ${r.errors} errors)`;
}
