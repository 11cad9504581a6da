// Fake enterprise endpoint for "API verification": checks Yima's signature,
// timestamp and nonce as an enterprise must (see the protocol comment in
// functions/_shared/adapters/enterprise-verify.adapter.ts), then answers ok
// when the posted fields all match one person. The signature check here is an
// independent node:crypto implementation.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { header, startFakeServer, type FakeReply } from './fake-http.ts';

export type EnterprisePerson = Record<string, string> & { employee_no: string };

export interface EnterpriseFakeRequest {
  orgId: string;
  fields: Record<string, string>;
  /** employee_no answered, or null for a "no". */
  matched: string | null;
}

export interface EnterpriseFake {
  url: string;
  /** Requests that passed the signature check, in order. */
  requests: EnterpriseFakeRequest[];
  /** Requests rejected with 401, with the reason. */
  rejected: string[];
  /** The next request gets this raw reply instead (malformed bodies, 500s). */
  replyNext(reply: { status?: number; body: string }): void;
  delayMs: number;
  stop(): Promise<void>;
}

const TOLERANCE_SECONDS = 300;

export async function startEnterpriseFake(opts: {
  secret: string;
  people: EnterprisePerson[];
  delayMs?: number;
  /** When set, requests for another org_id are refused. */
  orgId?: string;
}): Promise<EnterpriseFake> {
  const requests: EnterpriseFakeRequest[] = [];
  const rejected: string[] = [];
  const overrides: Array<{ status?: number; body: string }> = [];
  const seenNonces = new Set<string>();
  let delayMs = opts.delayMs ?? 0;

  const server = await startFakeServer((req) => {
    const reject = (reason: string): FakeReply => {
      rejected.push(reason);
      return { status: 401, json: { ok: false, reason } };
    };
    if (req.method !== 'POST') return { status: 405, json: { ok: false, reason: 'method_not_allowed' } };
    const override = overrides.shift();
    if (override) return { status: override.status ?? 200, text: override.body };

    const timestamp = header(req, 'x-yima-timestamp');
    const nonce = header(req, 'x-yima-nonce');
    const signature = header(req, 'x-yima-signature');
    if (!timestamp || !nonce || !signature) return reject('missing_headers');
    if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return reject('stale_timestamp');
    const expected = createHmac('sha256', opts.secret).update(`${timestamp}\n${nonce}\n`).update(req.body, 'utf8').digest();
    const given = Buffer.from(/^[0-9a-f]{64}$/i.test(signature) ? signature : '', 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return reject('bad_signature');
    if (seenNonces.has(nonce)) return reject('replayed_nonce');
    seenNonces.add(nonce);

    let body: { org_id?: unknown; fields?: unknown; timestamp?: unknown; nonce?: unknown };
    try {
      body = JSON.parse(req.body) as typeof body;
    } catch {
      return { status: 400, json: { ok: false, reason: 'bad_json' } };
    }
    if (typeof body.org_id !== 'string' || typeof body.fields !== 'object' || body.fields === null) {
      return { status: 400, json: { ok: false, reason: 'bad_request' } };
    }
    if (body.nonce !== nonce || String(body.timestamp) !== timestamp) return reject('body_header_mismatch');
    if (opts.orgId && body.org_id !== opts.orgId) return reject('wrong_org');
    const fields = Object.fromEntries(Object.entries(body.fields).map(([k, v]) => [k, String(v)]));
    const keys = Object.keys(fields);
    const matches = keys.length === 0 ? [] : opts.people.filter((person) => keys.every((k) => person[k] === fields[k]));
    const matched = matches.length === 1 && matches[0] ? matches[0].employee_no : null;
    requests.push({ orgId: body.org_id, fields, matched });
    return { json: matched ? { ok: true, employee_no: matched } : { ok: false, reason: matches.length > 1 ? 'ambiguous' : 'not_found' } };
  }, { delayMs: () => delayMs });

  return {
    url: server.url,
    requests,
    rejected,
    replyNext(reply) {
      overrides.push(reply);
    },
    get delayMs() {
      return delayMs;
    },
    set delayMs(ms: number) {
      delayMs = ms;
    },
    stop: server.stop,
  };
}
