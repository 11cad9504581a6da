/**
 * Offline code verification throughput on one core (one JS thread).
 *   npx tsx shared/bench/code-verify.bench.ts [iterations]
 * The repo-wide bench can import `runCodeVerifyBench` and print its figures.
 *
 * Scenarios (inputs are prepared outside the timed loop):
 * - cold:        every code from a different credential (credential cache
 *                misses): issuer signature + device signature.
 * - warm:        codes from one phone (credential cache hit): device
 *                signature only. The common case at a gate or POS.
 * - warm+precompute: as warm, with `precomputeDeviceKeys` (W=4 table per
 *                cached device key; first sighting pays ~4 ms, excluded).
 * - no-cache:    credentialCacheSize 0, so two signatures every time.
 * - makeCode:    the phone side, one Ed25519 signature per code.
 * - reference:   one plain `ed25519.verify` from @noble/curves, to normalise
 *                the figures against how busy the machine was.
 * - native (CLI only): warm and cold again with node:crypto's Ed25519 (OpenSSL)
 *                plugged in as the SignatureBackend, to show the JS cost.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { createPublicKey, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import {
  CodeVerifier,
  MemoryReplayCache,
  Scope,
  type PreparedPublicKey,
  type SignatureBackend,
  nobleBackend,
  renderQrMatrix,
  signCredential,
} from '../src/code-protocol/index.ts';
import { ORG, T0, makeFixture, uuidFor } from '../src/code-protocol/test-fixtures.ts';

export interface BenchScenario {
  name: string;
  perSecond: number;
  microsPerOp: number;
  signaturesPerOp: number;
}

export interface CodeVerifyBenchResult {
  iterations: number;
  codeBytes: number;
  codeTextLength: number;
  qrVersionAtM: number;
  targetPerSecond: number;
  scenarios: BenchScenario[];
}

export interface CodeVerifyBenchOptions {
  iterations?: number;
  /** Swap the Ed25519 implementation (default: pure-JS noble). */
  backend?: SignatureBackend;
  /** Scenario name prefix (to label a backend). */
  label?: string;
}

const NOW = T0 + 3600 + 5;

function time(name: string, iterations: number, signaturesPerOp: number, fn: (i: number) => void): BenchScenario {
  const warmup = Math.min(50, iterations);
  for (let i = 0; i < warmup; i++) fn(i);
  const start = performance.now();
  for (let i = warmup; i < iterations; i++) fn(i);
  const ms = performance.now() - start;
  const ops = iterations - warmup;
  return { name, perSecond: Math.round((ops / ms) * 1000), microsPerOp: Math.round((ms * 1000) / ops), signaturesPerOp };
}

export function runCodeVerifyBench(options: CodeVerifyBenchOptions = {}): CodeVerifyBenchResult {
  const iterations = Math.max(100, options.iterations ?? 2000);
  const backend = options.backend ?? nobleBackend;
  const label = options.label ? `${options.label} ` : '';
  const f = makeFixture();
  const makeVerifier = (extra: { precomputeDeviceKeys?: boolean; credentialCacheSize?: number } = {}) =>
    new CodeVerifier({
      orgId: ORG,
      keys: [f.issuerKey],
      clock: () => NOW,
      requiredScopes: Scope.door,
      backend,
      replayCache: new MemoryReplayCache({ maxEntries: iterations * 2 }),
      ...extra,
    });
  const expectOk = (v: CodeVerifier, code: Uint8Array) => {
    const r = v.verify(code);
    if (!r.ok) throw new Error(`bench code rejected: ${r.reason}`);
  };

  // Inputs: one phone's successive codes, and codes from `iterations` phones
  // (distinct credentials, same device key so only the credential differs).
  const sameCredential = Array.from({ length: iterations }, (_, i) => f.code(NOW, i + 1).bytes);
  const manyCredentials = Array.from({ length: iterations }, (_, i) => {
    const credential = signCredential({ ...f.fields, credentialId: uuidFor(1_000_000 + i) }, f.issuer.secretKey);
    return f.code(NOW, 1, credential).bytes;
  });

  const scenarios: BenchScenario[] = [];
  const cold = makeVerifier();
  scenarios.push(time(`${label}cold (new credential each code)`, iterations, 2, (i) => expectOk(cold, manyCredentials[i]!)));
  const warm = makeVerifier();
  scenarios.push(time(`${label}warm (credential cached)`, iterations, 1, (i) => expectOk(warm, sameCredential[i]!)));
  if (backend === nobleBackend) {
    const pre = makeVerifier({ precomputeDeviceKeys: true });
    const codes = Array.from({ length: iterations }, (_, i) => f.code(NOW, iterations + i + 1).bytes);
    expectOk(pre, f.code(NOW, 10 * iterations).bytes); // first sighting builds the table
    scenarios.push(time(`${label}warm + precomputed device key`, iterations, 1, (i) => expectOk(pre, codes[i]!)));
  }
  const noCache = makeVerifier({ credentialCacheSize: 0 });
  scenarios.push(time(`${label}no credential cache`, iterations, 2, (i) => expectOk(noCache, sameCredential[i]!)));
  if (backend === nobleBackend) {
    scenarios.push(time('makeCode (phone side)', Math.min(iterations, 1000), 0, (i) => void f.code(NOW, i + 1)));
    const msg = new Uint8Array(300).fill(7);
    const sig = ed25519.sign(msg, f.device.secretKey);
    scenarios.push(
      time('reference: one noble ed25519.verify', Math.min(iterations, 1000), 1, () => {
        if (!ed25519.verify(sig, msg, f.device.publicKey)) throw new Error('reference signature rejected');
      }),
    );
  }

  const sample = f.code(NOW, 1);
  return {
    iterations,
    codeBytes: sample.bytes.length,
    codeTextLength: sample.text.length,
    qrVersionAtM: renderQrMatrix(sample.text).version,
    targetPerSecond: 5000,
    scenarios,
  };
}

// ---------------------------------------------------------------------------
// A native backend for comparison (Node only; the same shape works in Deno's
// node:crypto). SPKI DER prefix for an Ed25519 public key (RFC 8410).

const SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

export function createNodeCryptoBackend(): SignatureBackend {
  interface NodeKey extends PreparedPublicKey {
    keyObject: KeyObject;
  }
  return {
    preparePublicKey(bytes, hint) {
      // Reuse noble's strict decoding (canonical point, not small order).
      if (!nobleBackend.preparePublicKey(bytes, 'single')) return null;
      void hint;
      const der = new Uint8Array(SPKI_PREFIX.length + 32);
      der.set(SPKI_PREFIX);
      der.set(bytes, SPKI_PREFIX.length);
      const key: NodeKey = { bytes: bytes.slice(), keyObject: createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' }) };
      return key;
    },
    verify(signature, message, key) {
      return nodeVerify(null, message, (key as NodeKey).keyObject, signature);
    },
  };
}

function printResult(r: CodeVerifyBenchResult): void {
  console.log(`code: ${r.codeBytes} bytes, ${r.codeTextLength} chars (YM1: + base45), QR version ${r.qrVersionAtM} at ECC M`);
  for (const s of r.scenarios) {
    const mark = s.signaturesPerOp > 0 ? (s.perSecond >= r.targetPerSecond ? ' (>= target)' : ' (< target)') : '';
    console.log(`${s.name.padEnd(44)} ${String(s.perSecond).padStart(7)} /s  ${String(s.microsPerOp).padStart(6)} us/op${mark}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const iterations = Number(process.argv[2] ?? 2000);
  console.log(`Yima code verification, one thread, ${iterations} iterations per scenario, target ${5000}/s`);
  const js = runCodeVerifyBench({ iterations });
  printResult(js);
  const native = runCodeVerifyBench({ iterations, backend: createNodeCryptoBackend(), label: 'node:crypto' });
  printResult({ ...native, scenarios: native.scenarios });
}
