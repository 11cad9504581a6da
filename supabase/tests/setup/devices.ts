// Calls as a device or a person, and phones that show codes: shared by the
// code and payment suites.
import { base64urlDecode, base64urlEncode, generateKeyPair, makeCode, type KeyPair } from '@yima/shared';
import { expect } from 'vitest';
import { callFunction } from './accounts.ts';
import { adminDb, stackInfo } from './personas.ts';

/** An RPC through PostgREST with the caller's token (the RPC's own permission checks apply). */
export async function rpcAs(person: { token: string }, fn: string, args: Record<string, unknown>) {
  const { apiUrl, anonKey } = stackInfo();
  const res = await fetch(`${apiUrl}/rest/v1/rpc/${fn}`, {
    method: 'POST',
    headers: { apikey: anonKey, authorization: `Bearer ${person.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** An edge function called by a gate, door or POS with its API key (x-yima-device-key). */
export async function deviceCall(name: string, apiKey: string | null, opts: { method?: string; path?: string; body?: unknown } = {}) {
  const { apiUrl, anonKey } = stackInfo();
  const res = await fetch(`${apiUrl}/functions/v1/${name}${opts.path ?? ''}`, {
    method: opts.method ?? 'POST',
    headers: { apikey: anonKey, 'content-type': 'application/json', ...(apiKey ? { 'x-yima-device-key': apiKey } : {}) },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return { status: res.status, body: await res.json() };
}

/** A verification point with an API key issued by `admin` (who needs the cards function). */
export async function newPoint(orgId: string, admin: { token: string }, opts: { requiredScopes?: number; kind?: string; stallId?: string } = {}) {
  const { rows: [point] } = await adminDb().query(
    `insert into verification_points (org_id, name, kind, required_scopes, stall_id) values ($1, $2, $3, $4, $5) returning id`,
    [orgId, `点位-${crypto.randomUUID().slice(0, 6)}`, opts.kind ?? 'gate', opts.requiredScopes ?? 0, opts.stallId ?? null]);
  const issued = await rpcAs(admin, 'admin_issue_point_key', { p_point: point.id });
  expect(issued.status).toBe(200);
  expect(issued.body).toMatch(/^ymp_[0-9a-f]{48}$/);
  return { id: point.id as string, apiKey: issued.body as string };
}

export interface Phone { device: KeyPair; credential: Uint8Array; credentialId: string; counter: number; enrolment: Record<string, any> }

/** Enrols a phone for the person (code-enroll) and returns what the mini-program keeps. */
export async function enroll(person: { token: string }, device: KeyPair = generateKeyPair()): Promise<Phone> {
  const res = await callFunction('code-enroll', { token: person.token, body: { device_public_key: base64urlEncode(device.publicKey) } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { device, credential: base64urlDecode(res.body.credential), credentialId: res.body.credential_id, counter: 0, enrolment: res.body };
}

/** The phone's next code (a fresh counter), as the card page shows it. */
export function nextCode(phone: Phone, now = Date.now() / 1000): string {
  phone.counter += 1;
  return makeCode({ credential: phone.credential, deviceSecretKey: phone.device.secretKey, now, counter: phone.counter }).text;
}
