// `npm run bench`: starts a throwaway local stack, runs every benchmark, and
// prints the figures the issues ask for. Usage: npm run bench [-- name ...]
// (names: code, notices, import, members, verify, payments). BENCH_SECONDS sets each load phase's length.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../tests/setup/node-websocket.ts';
import { startStackProcess } from './stack-process.ts';
import { formatResult, type LoadResult } from './load.ts';
import { benchMemberImport } from './member-import.bench.ts';
import { benchMemberList } from './member-list.bench.ts';
import { benchNoticeFanout } from './notice-fanout.bench.ts';
import { benchCodeVerifyOnline } from './code-verify-online.bench.ts';
import { benchPayments } from './payments.bench.ts';
import { createNodeCryptoBackend, runCodeVerifyBench } from '../../shared/bench/code-verify.bench.ts';

const selected = new Set(process.argv.slice(2));
const want = (name: string) => selected.size === 0 || selected.has(name);
const durationMs = Number(process.env.BENCH_SECONDS ?? 10) * 1000;

if (want('code')) {
  // Offline verification needs no stack: the SDK with only the issuer public keys.
  console.log('code: offline code verification on one core (target over 5,000/s)');
  for (const [label, backend] of [['pure JS', undefined], ['node:crypto', createNodeCryptoBackend()]] as const) {
    const r = runCodeVerifyBench({ iterations: 2000, backend, label });
    for (const s of r.scenarios) console.log(`  ${s.name.padEnd(50)} ${s.perSecond.toFixed(0).padStart(7)}/s  ${s.microsPerOp.toFixed(0).padStart(5)} µs/op`);
  }
}
if (selected.size > 0 && !['members', 'import', 'verify', 'notices', 'payments'].some(want)) process.exit(0);

const dataDir = mkdtempSync(join(tmpdir(), 'yima-bench-'));
// YIMA_CODE_VERIFY_BACKEND=js benchmarks the functions with pure-JS Ed25519 instead of node:crypto (the default).
const verifyBackend = process.env.YIMA_CODE_VERIFY_BACKEND;
// The stack runs in its own process: the load generator must not share the gateway's event loop.
const stack = await startStackProcess({ dataDir, functionsEnv: verifyBackend ? { YIMA_CODE_VERIFY_BACKEND: verifyBackend } : undefined });
const results: LoadResult[] = [];
try {
  if (want('notices')) {
    console.log('notices: one receipt notice to a 100,000-member org (targets: fan-out < 10 s, stats < 200 ms)');
    const r = await benchNoticeFanout(stack);
    console.log(`  materialised ${r.recipients.toLocaleString()} recipients + deliveries in ${(r.sendMs / 1000).toFixed(2)} s`);
    console.log(`  notice_stats through the gateway: p50 ${r.statsP50Ms.toFixed(1)} ms, p99 ${r.statsP99Ms.toFixed(1)} ms (50 calls)`);
  }
  if (want('import')) {
    console.log('import: a generated 10,000-row xlsx, dry run + apply (target under 10 s)');
    const r = await benchMemberImport(stack);
    for (const p of r.phases) console.log(`  ${p.name.padEnd(30)} ${(p.ms / 1000).toFixed(2).padStart(6)} s`);
    console.log(`  ${'total'.padEnd(30)} ${(r.totalMs / 1000).toFixed(2).padStart(6)} s`);
  }
  if (want('members')) {
    console.log('members: department-scoped member list over 100,000 members');
    results.push(...(await benchMemberList(stack, durationMs)));
  }
  if (want('verify')) {
    console.log('verify: online code verification through the gateway (target over 500/s, p99 under 50 ms)');
    results.push(...(await benchCodeVerifyOnline(stack, durationMs)));
  }
  if (want('payments')) {
    console.log('payments: pay through the gateway (target over 300/s, p99 under 100 ms) and the settlement report (100,000 transactions, under 2 s)');
    const r = await benchPayments(stack, durationMs);
    results.push(...r.load);
    console.log(`  settlement report over ${r.report.rows.toLocaleString()} transactions (${r.report.merchants} merchants): p50 ${r.report.p50Ms.toFixed(0)} ms, max ${r.report.maxMs.toFixed(0)} ms of 10 calls (rows inserted in ${(r.report.fillMs / 1000).toFixed(1)} s)`);
  }
} finally {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
console.log('\nResults (2-core machine, client and server on the same host):');
for (const r of results) console.log('  ' + formatResult(r));
