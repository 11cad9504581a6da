/**
 * Rotating projected event codes (活动签到大屏码) and the geofence check.
 *
 * The organiser's big screen shows, for the current time step,
 *   YMEV1.<event id>.<in|out>.<step>.<base64url HMAC-SHA256(secret, "YMEV1|<event id>|<action>|<step>")>
 * A code is accepted during its own step and the next one (a phone that
 * scanned just before the screen changed), and never again after: a photo of
 * the screen sent to a friend is useless a step later. The secret never
 * leaves the server; the screen fetches each code.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64urlDecode, base64urlEncode, hexToBytes } from '../code-protocol/encoding.ts';

export type EventAction = 'in' | 'out';
const PREFIX = 'YMEV1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function eventStep(nowSeconds: number, stepSeconds: number): number {
  return Math.floor(nowSeconds / stepSeconds);
}

function mac(secretHex: string, eventId: string, action: EventAction, step: number): Uint8Array {
  return hmac(sha256, hexToBytes(secretHex), new TextEncoder().encode(`${PREFIX}|${eventId}|${action}|${step}`));
}

export function makeEventCode(secretHex: string, eventId: string, action: EventAction, step: number): string {
  return `${PREFIX}.${eventId}.${action}.${step}.${base64urlEncode(mac(secretHex, eventId, action, step))}`;
}

export interface ParsedEventCode { eventId: string; action: EventAction; step: number; signature: Uint8Array }

/** Reads a scanned code; null when it is not an event code at all. */
export function parseEventCode(text: string): ParsedEventCode | null {
  const parts = text.trim().split('.');
  if (parts.length !== 5 || parts[0] !== PREFIX) return null;
  const [, eventId = '', action, stepText = '', sig = ''] = parts;
  if (!UUID.test(eventId) || (action !== 'in' && action !== 'out') || !/^\d{1,12}$/.test(stepText)) return null;
  let signature: Uint8Array;
  try {
    signature = base64urlDecode(sig);
  } catch {
    return null;
  }
  if (signature.length !== 32) return null;
  return { eventId, action, step: Number(stepText), signature };
}

export type EventCodeVerdict = { ok: true } | { ok: false; reason: 'bad_signature' | 'code_expired' };

/** Checks the signature, then that the code is from this step or the previous one. */
export function verifyEventCode(code: ParsedEventCode, secretHex: string, nowSeconds: number, stepSeconds: number): EventCodeVerdict {
  const expected = mac(secretHex, code.eventId, code.action, code.step);
  let diff = expected.length ^ code.signature.length;
  for (let i = 0; i < expected.length; i++) diff |= expected[i]! ^ (code.signature[i] ?? 0);
  if (diff !== 0) return { ok: false, reason: 'bad_signature' };
  const current = eventStep(nowSeconds, stepSeconds);
  if (code.step > current || code.step < current - 1) return { ok: false, reason: 'code_expired' };
  return { ok: true };
}

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function distanceMeters(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}
