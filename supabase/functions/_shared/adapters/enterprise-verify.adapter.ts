// "API verification" (接口核验): when an organisation claims cards this way,
// Yima asks the enterprise's own HTTPS endpoint whether the details a person
// typed identify one of its employees. This comment is the protocol an
// enterprise implements.
//
// REQUEST  (Yima -> enterprise), one per claim attempt
//   POST <the URL the admin configured>          HTTPS only; redirects are not followed
//   Content-Type: application/json; charset=utf-8
//   X-Yima-Timestamp: 1735689600                 Unix seconds when Yima signed
//   X-Yima-Nonce: 9f86d081884c7d659a2feaa0c55ad015   32 hex chars, never repeated
//   X-Yima-Signature: <64 lowercase hex chars>
//   {"org_id":"<your organisation id in Yima>","fields":{"employee_no":"E001","name":"张三"},
//    "timestamp":1735689600,"nonce":"9f86d081884c7d659a2feaa0c55ad015"}
//   `fields` holds what the person typed (some of employee_no, name, phone, id_card).
//
//   X-Yima-Signature = hex(HMAC-SHA256(key = the shared secret shown once in the
//                      Yima admin, message = timestamp + "\n" + nonce + "\n" + body))
//   where body is the raw request body exactly as received (bytes, before any
//   JSON parsing) and timestamp/nonce are the header values.
//
// WHAT THE ENTERPRISE MUST CHECK before answering (verifyEnterpriseSignature
// below does 1-3; a Node/Deno enterprise can import it):
//   1. all three headers are present;
//   2. |now - X-Yima-Timestamp| <= 300 seconds;
//   3. the signature matches, compared in constant time;
//   4. the nonce was not seen in the last 10 minutes (keep a short-lived set);
//   5. org_id is its own organisation id.
//   If any check fails, answer 401 (Yima then reports enterprise_error).
//
// RESPONSE (within 5 seconds), HTTP 200, JSON:
//   {"ok": true,  "employee_no": "E001"}   the fields identify exactly one current employee;
//                                          Yima binds the card of the member with that number
//   {"ok": false, "reason": "not_found"}   no match (or not unique); counts as a failed attempt
//   Any other status -> enterprise_error, a timeout -> enterprise_timeout, a body not of
//   these shapes -> enterprise_bad_response; none of these count against the person.
//
// Trade-offs, stated: the HMAC proves to the enterprise that Yima sent the
// request and that nothing was altered; TLS (not a response signature) proves
// the answer came from the enterprise, which is why plain http is refused
// (except to loopback hosts, for local development and tests). Replays within
// the 5-minute window are stopped only if the enterprise keeps nonces (step 4).
// The fields can include ID-card numbers: the enterprise should not log them.
import { AdapterError } from './adapter-error.ts';
import { checkTimeout, defaultFetch, exchange, preview, type FetchLike } from './provider-http.ts';
import { hmac, randomHex, timingSafeEqual, toHex } from '../crypto.ts';

export const ENTERPRISE_SIGNATURE_TOLERANCE_SECONDS = 300;
const MAX_RESPONSE_CHARS = 16_384;

export interface EnterpriseVerifyInput {
  url: string;
  secret: string;
  orgId: string;
  fields: Record<string, string>;
  timeoutMs?: number;
  fetch?: FetchLike;
  /** Clock in ms. */
  now?: () => number;
}

export type EnterpriseVerifyResult = { ok: true; employeeNo: string } | { ok: false; reason: string };

export interface EnterpriseSignedRequest {
  body: string;
  headers: { 'content-type': string; 'x-yima-timestamp': string; 'x-yima-nonce': string; 'x-yima-signature': string };
}

/** hex(HMAC-SHA256(secret, timestamp + "\n" + nonce + "\n" + body)). */
export async function signEnterpriseRequest(input: { secret: string; timestamp: string; nonce: string; body: string }): Promise<string> {
  return toHex(await hmac('SHA-256', input.secret, `${input.timestamp}\n${input.nonce}\n${input.body}`));
}

/** Builds the exact body and headers Yima sends (exported for enterprise-side tests). */
export async function buildEnterpriseRequest(input: {
  secret: string;
  orgId: string;
  fields: Record<string, string>;
  nowMs?: number;
  nonce?: string;
}): Promise<EnterpriseSignedRequest> {
  const seconds = Math.floor((input.nowMs ?? Date.now()) / 1000);
  const nonce = input.nonce ?? randomHex(16);
  const body = JSON.stringify({ org_id: input.orgId, fields: input.fields, timestamp: seconds, nonce });
  const timestamp = String(seconds);
  return {
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-yima-timestamp': timestamp,
      'x-yima-nonce': nonce,
      'x-yima-signature': await signEnterpriseRequest({ secret: input.secret, timestamp, nonce, body }),
    },
  };
}

export interface EnterpriseSignatureInput {
  secret: string;
  /** The raw request body exactly as received. */
  body: string;
  timestamp: string | null | undefined;
  nonce: string | null | undefined;
  signature: string | null | undefined;
  /** Defaults to the current time. */
  nowSeconds?: number;
  toleranceSeconds?: number;
}

export type EnterpriseSignatureCheck =
  | { ok: true; timestamp: number; nonce: string }
  | { ok: false; reason: 'missing_headers' | 'stale_timestamp' | 'bad_signature' };

/**
 * The enterprise side of the protocol, steps 1-3: headers present, timestamp
 * within tolerance, signature right. Nonce memory (step 4) is the caller's.
 */
export async function verifyEnterpriseSignature(input: EnterpriseSignatureInput): Promise<EnterpriseSignatureCheck> {
  const { timestamp, nonce, signature } = input;
  if (!timestamp || !nonce || !signature) return { ok: false, reason: 'missing_headers' };
  const seconds = Number(timestamp);
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  const tolerance = input.toleranceSeconds ?? ENTERPRISE_SIGNATURE_TOLERANCE_SECONDS;
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now - seconds) > tolerance) return { ok: false, reason: 'stale_timestamp' };
  const expected = await signEnterpriseRequest({ secret: input.secret, timestamp, nonce, body: input.body });
  if (!timingSafeEqual(expected, signature.trim().toLowerCase())) return { ok: false, reason: 'bad_signature' };
  return { ok: true, timestamp: seconds, nonce };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Asks the enterprise endpoint whether `fields` identify one of its employees. */
export async function verifyWithEnterprise(input: EnterpriseVerifyInput): Promise<EnterpriseVerifyResult> {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw misconfigured(`The organisation's verification URL "${input.url}" is not a valid URL; an admin must correct it`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw misconfigured(`The organisation's verification URL must use https:// (it carries personal data); an admin must correct ${url.origin}`);
  }
  if (!input.secret) throw misconfigured("The organisation's verification secret is empty; an admin must set it");

  const signed = await buildEnterpriseRequest({
    secret: input.secret,
    orgId: input.orgId,
    fields: input.fields,
    nowMs: (input.now ?? Date.now)(),
  });
  const timeoutMs = checkTimeout(input.timeoutMs);
  const what = `The organisation's verification endpoint (${url.host})`;
  const reply = await exchange({
    provider: 'enterprise',
    what,
    fetch: input.fetch ?? defaultFetch,
    url: url.toString(),
    init: { method: 'POST', headers: { ...signed.headers, accept: 'application/json' }, body: signed.body, redirect: 'manual' },
    timeoutMs,
    timeoutCode: 'enterprise_timeout',
    unreachableCode: 'enterprise_error',
  });
  if (reply.status < 200 || reply.status >= 300) {
    throw new AdapterError({
      provider: 'enterprise',
      code: 'enterprise_error',
      status: reply.status,
      message: `${what} answered HTTP ${reply.status}${reply.status === 401 ? ' (it rejected our signature: check that both sides use the same secret and clocks are in sync)' : ''}; try again later or contact the organisation's admin`,
    });
  }
  const bad = (why: string) =>
    new AdapterError({
      provider: 'enterprise',
      code: 'enterprise_bad_response',
      status: reply.status,
      message: `${what} answered ${why}; it must answer {"ok":true,"employee_no":"..."} or {"ok":false,"reason":"..."}`,
    });
  if (reply.text.length > MAX_RESPONSE_CHARS) throw bad(`with ${reply.text.length} characters`);
  let body: unknown;
  try {
    body = JSON.parse(reply.text);
  } catch {
    throw bad(`with something that is not JSON: ${preview(reply.text)}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad(`with ${preview(reply.text)}`);
  const answer = body as Record<string, unknown>;
  if (answer.ok === true) {
    const employeeNo = typeof answer.employee_no === 'string' ? answer.employee_no.trim() : '';
    if (!employeeNo) throw bad('ok without an employee_no string');
    return { ok: true, employeeNo };
  }
  if (answer.ok === false) {
    return { ok: false, reason: typeof answer.reason === 'string' && answer.reason ? answer.reason.slice(0, 200) : 'not_matched' };
  }
  throw bad(`without "ok": true or false (${preview(reply.text)})`);
}

function misconfigured(message: string): AdapterError {
  return new AdapterError({ provider: 'enterprise', code: 'enterprise_misconfigured', message });
}
