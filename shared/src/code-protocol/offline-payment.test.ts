import { describe, expect, it } from 'vitest';
import { fen } from '../money.ts';
import { Scope } from './credential.ts';
import { buildOfflinePaymentUpload, decideOfflinePayment } from './offline-payment.ts';
import { ORG, T0, makeFixture } from './test-fixtures.ts';
import { CodeVerifier } from './verifier.ts';

const NOW = T0 + 600;

describe('double-offline payments', () => {
  const f = makeFixture({ offlineCapFen: 5_000 });
  const v = new CodeVerifier({ orgId: ORG, keys: [f.issuerKey], clock: () => NOW, requiredScopes: Scope.pay });

  it('accepts up to the cap, counting what this POS already took', () => {
    const code = f.code(NOW, 1);
    const r = v.verify(code.text);
    expect(decideOfflinePayment(r, fen(3_000))).toEqual({ ok: true, remainingFen: 2_000 });
    expect(decideOfflinePayment(r, fen(2_000), fen(3_000))).toEqual({ ok: true, remainingFen: 0 });
    expect(decideOfflinePayment(r, fen(2_001), fen(3_000))).toEqual({ ok: false, reason: 'over_offline_cap', remainingFen: 2_000 });
    expect(decideOfflinePayment(r, fen(0))).toMatchObject({ ok: false, reason: 'invalid_amount' });
    const upload = buildOfflinePaymentUpload(r, { amountFen: fen(3_000), posId: 'pos-1', acceptedAt: NOW, code: code.text });
    expect(upload).toMatchObject({ uploadId: r.ok ? r.uploadId : '', counter: 1, amountFen: 3_000, credentialId: f.fields.credentialId });
  });

  it('refuses unverified codes and credentials without the pay scope', () => {
    const code = f.code(NOW, 2);
    expect(decideOfflinePayment(v.verify('YM1:'), fen(1))).toMatchObject({ ok: false, reason: 'not_verified' });
    const doorOnly = makeFixture({ scopes: Scope.door, credentialId: '00000000-0000-4000-8000-00000000d00d' });
    const r = new CodeVerifier({ orgId: ORG, keys: [doorOnly.issuerKey], clock: () => NOW }).verify(doorOnly.code(NOW, 1).text);
    expect(decideOfflinePayment(r, fen(1))).toMatchObject({ ok: false, reason: 'scope_denied' });
    expect(v.verify(code.text).ok).toBe(true);
  });

  it('gives the same upload id for the same code, so re-uploads are idempotent', () => {
    const code = f.code(NOW, 3);
    const a = new CodeVerifier({ orgId: ORG, keys: [f.issuerKey], clock: () => NOW }).verify(code.text);
    const b = new CodeVerifier({ orgId: ORG, keys: [f.issuerKey], clock: () => NOW }).verify(code.bytes);
    expect(a.ok && b.ok && a.uploadId === b.uploadId).toBe(true);
    const other = new CodeVerifier({ orgId: ORG, keys: [f.issuerKey], clock: () => NOW }).verify(f.code(NOW, 4).text);
    expect(other.ok && a.ok && other.uploadId !== a.uploadId).toBe(true);
  });
});
