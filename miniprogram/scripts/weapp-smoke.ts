// Smoke test of the COMPILED WeChat build (dist/weapp-smoke), not the sources.
// It loads the bundle into a bare JS context that, like the mini-program, has
// no fetch, Headers, URL, WebSocket, AbortController, window or document and
// refuses eval / new Function; fakes the wx API and the App/Page globals; and
// drives the app end to end through wx.request (supabase-js + our fetch
// adapter + the injected Headers/URL polyfills):
//   fake gateway: a claim link opened signed out -> login -> WeChat sign-in by
//   itself (wx.login -> auth-wechat) -> back to the claim form, which asks for
//   the org's fields, shows a refused attempt in zh-CN and claims the card ->
//   the card, whose stale token is renewed once after a 401, enrols the phone
//   (device key seeded from wx.getRandomValues -> code-enroll) and draws the
//   dynamic code (checked module by module against the code the phone must
//   have made), hides it from screenshots and records one -> 验码 (the account
//   holds the cards function): wx.scanCode reads that code, code-verify (a
//   real offline verifier here) accepts it, the page shows 通过 -> sign-out
//   (logout revokes the refresh token) -> WeCom sign-in (environment wxwork,
//   wx.qy.login -> auth-wecom) from the sign-in button.
//   live (a running local stack, which has no WeChat app id): the WeChat
//   sign-in fails with a clear message, a demo persona signs in instead, and
//   the card shows the member read through PostgREST and a dynamic code
//   enrolled with the real code-enroll.
// It caught, among others, realtime-js throwing in createClient when no
// WebSocket exists.
//
// Run: npm run smoke:weapp -w miniprogram (builds with test env, then runs this).
// Live mode drives the same bundle against a running local stack instead of
// the built-in fake gateway (wx.request then does real HTTP):
//   TARO_APP_SUPABASE_URL=http://127.0.0.1:54321 TARO_APP_SUPABASE_ANON_KEY=<anon key> \
//     npm run smoke:weapp:live -w miniprogram
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import vm from 'node:vm';
import {
  base64urlDecode,
  base64urlEncode,
  CodeVerifier,
  generateKeyPair,
  hexToBytes,
  issuerKeyToJson,
  keyIdFromPublicKey,
  makeCode,
  MemoryReplayCache,
  signCredential,
} from '@yima/shared/code-protocol/index';
import { qrLayout } from '../src/lib/qr-runs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../dist/weapp-smoke');
const LIVE = process.env.YIMA_SMOKE_LIVE === '1';
const GATEWAY = LIVE ? (process.env.TARO_APP_SUPABASE_URL ?? '').replace(/\/+$/, '') : 'https://gateway.smoke.test';
const ANON_KEY = LIVE ? (process.env.TARO_APP_SUPABASE_ANON_KEY ?? '') : 'anon-smoke-key';
const TOKEN = 'member-a-token';
/** The token card-claim hands out in the fake: PostgREST calls it expired, so the app must refresh. */
const STALE_TOKEN = 'claimed-but-stale-token';
const UNCLAIMED_TOKEN = 'unclaimed-token';
const CLAIM_REFRESH = 'refresh-claimed-0123456789abcdef';
const ROTATED_REFRESH = 'refresh-rotated-0123456789abcdef';
const PERSONA = 'member-a';
/** The fake org's issuer (code-enroll signs with it, code-verify checks with it). */
const CODE_ORG = '6f1c1b9e-3b4a-4d2e-9c57-0a1b2c3d4e5f';
const ISSUER = generateKeyPair(new Uint8Array(32).fill(11));
const ISSUER_KEY = { keyId: keyIdFromPublicKey(ISSUER.publicKey), orgId: CODE_ORG, publicKey: ISSUER.publicKey, status: 'active' as const };
const codeVerifier = new CodeVerifier({ orgId: CODE_ORG, keys: [ISSUER_KEY], replayCache: new MemoryReplayCache() });
/** What wx.scanCode "reads" next. */
let scanResult = '';
let captureListener: (() => void) | undefined;
const captureEffects: string[] = [];
if (LIVE) assert.ok(GATEWAY && ANON_KEY, 'live mode needs TARO_APP_SUPABASE_URL and TARO_APP_SUPABASE_ANON_KEY');

type Json = Record<string, unknown>;
interface WxRequestOptions {
  url: string;
  method?: string;
  header?: Record<string, string>;
  data?: unknown;
  dataType?: string;
  success?(res: unknown): void;
  fail?(err: unknown): void;
  complete?(res: unknown): void;
}

// ---- the fake gateway behind wx.request -------------------------------------------------
interface RecordedCall {
  method: string;
  url: string;
  header: Record<string, string>;
  data?: unknown;
  status?: number;
  response?: string;
}
const requests: RecordedCall[] = [];

/** Live mode: a real HTTP request, answered the way wx.request answers. */
function httpRequest(method: string, url: string, header: Record<string, string>, body: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const client = url.startsWith('https:') ? https : http;
    const req = client.request(url, { method, headers: header }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(String(body));
    req.end();
  });
}

const member = { id: 'member-1', org_id: 'org-1', name: '张三', department_id: 'dept-1' };
const membership = { org_id: 'org-1', org_name: '星河科技', org_slug: 'demo', member_id: 'member-1', member_name: '张三', department_id: 'dept-1' };
function sessionBody(accessToken: string, refreshToken: string, claimed = true): Json {
  return {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: 3600,
    expires_at: Math.floor(Date.now() / 1000) + 3600,
    refresh_token: refreshToken,
    user: { id: 'account-a' },
    member: claimed ? member : null,
    memberships: claimed ? [membership] : [],
  };
}
const refused = (status: number, code: string, extra: Json = {}) => ({ status, body: { error: { code, message: `fake ${code}`, ...extra } } });

function gateway(method: string, url: string, header: Record<string, string>, body: unknown): { status: number; body: unknown } {
  const { pathname, searchParams } = new URL(url);
  const json = () => JSON.parse(String(body)) as Json;
  const anonCall = header.authorization === `Bearer ${ANON_KEY}` && header.apikey === ANON_KEY;
  const route = `${method} ${pathname}`;
  if (route.startsWith('POST /functions/v1/auth-') && !anonCall) return refused(401, 'invalid_jwt');

  if (route === 'POST /functions/v1/auth-wechat') {
    return json().code === 'wx-smoke-code' ? { status: 200, body: sessionBody(UNCLAIMED_TOKEN, 'refresh-unclaimed-0123456789abcdef', false) } : refused(400, 'invalid_code');
  }
  if (route === 'POST /functions/v1/auth-wecom') {
    return json().code === 'qy-smoke-code' ? { status: 200, body: sessionBody(TOKEN, 'refresh-wecom-0123456789abcdef') } : refused(400, 'invalid_code');
  }
  if (route === 'GET /functions/v1/card-claim') {
    if (searchParams.get('org') !== 'demo') return refused(404, 'org_not_found');
    return { status: 200, body: { org: { id: 'org-1', name: '星河科技' }, method: 'employee_no_phone', fields: ['employee_no', 'phone'] } };
  }
  if (route === 'POST /functions/v1/card-claim') {
    if (header.authorization !== `Bearer ${UNCLAIMED_TOKEN}`) return refused(401, 'invalid_jwt');
    const { org, device_id, fields } = json() as { org: string; device_id: string; fields: Json };
    assert.equal(org, 'org-1', 'claims by org id');
    assert.match(device_id, /^[A-Za-z0-9_-]{8,64}$/, 'device id card-claim accepts');
    if (fields.employee_no !== 'E1001' || fields.phone !== '13800000001') return refused(403, 'no_match', { remaining: 4 });
    return { status: 200, body: sessionBody(STALE_TOKEN, CLAIM_REFRESH) };
  }
  if (route === 'POST /functions/v1/auth-session/refresh') {
    if (json().refresh_token !== CLAIM_REFRESH) return refused(401, 'refresh_token_reused');
    return { status: 200, body: sessionBody(TOKEN, ROTATED_REFRESH) };
  }
  if (route === 'POST /functions/v1/auth-session/logout') return { status: 200, body: { ok: true } };
  if (route === 'GET /functions/v1/auth-dev') {
    return { status: 200, body: { personas: [{ key: 'member-a', name: '张三', org_name: '星河科技', role_label: '普通成员' }] } };
  }
  if (route === 'POST /functions/v1/code-enroll' || route === 'POST /functions/v1/code-verify') {
    if (header.authorization === `Bearer ${STALE_TOKEN}`) return refused(401, 'invalid_jwt');
    if (header.authorization !== `Bearer ${TOKEN}`) return refused(401, 'invalid_jwt');
  }
  if (route === 'POST /functions/v1/code-enroll') {
    const { device_public_key, org } = json() as { device_public_key: string; org: string };
    assert.equal(org, 'org-1', 'enrols in the session org');
    const now = Math.floor(Date.now() / 1000);
    const credentialId = '0c0ffee0-1234-4abc-9def-0123456789ab';
    const credential = signCredential({
      kind: 'member', issuerKeyId: ISSUER_KEY.keyId, orgId: CODE_ORG, memberId: '2b7e1516-28ae-4d2a-8f0c-7a1b3c5d7e9f',
      cardId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', credentialId, scopes: 67, notBefore: now - 300, expiresAt: now + 72 * 3600,
      offlineCapFen: 20000, stepSeconds: 30, devicePublicKey: base64urlDecode(device_public_key),
    }, ISSUER.secretKey);
    return {
      status: 200,
      body: {
        credential: base64urlEncode(credential), credential_id: credentialId, org_id: CODE_ORG, member_id: 'member-1', card_id: 'card-1',
        scopes: 67, offline_cap_fen: 20000, step_seconds: 30, not_before: now - 300, expires_at: now + 72 * 3600, server_time: now,
        issuer_keys: [issuerKeyToJson(ISSUER_KEY)],
      },
    };
  }
  if (route === 'POST /functions/v1/code-verify') {
    const result = codeVerifier.verify(String(json().code));
    return { status: 200, body: result.ok ? { ok: true, credential_id: result.credential.credentialId, member: { name: '张三', department: '研发中心', photo: null } } : { ok: false, reason: result.reason } };
  }
  if (route === 'POST /rest/v1/rpc/my_admin_profile') {
    if (header.authorization !== `Bearer ${TOKEN}`) return { status: 401, body: { code: 'PGRST303', message: 'JWT expired' } };
    assert.deepEqual(json(), { p_org: 'org-1' });
    return { status: 200, body: { org_id: 'org-1', is_admin: true, is_super: false, functions: ['cards'], apps: [] } };
  }
  if (route === 'GET /rest/v1/credentials') {
    // The phone asks whether its stored credential is still live (a later visit to the card).
    if (header.authorization !== `Bearer ${TOKEN}`) return { status: 401, body: { code: 'PGRST303', message: 'JWT expired' } };
    return { status: 200, body: { id: searchParams.get('id')?.slice(3), revoked_at: null, revoke_reason: null } };
  }
  if (pathname.startsWith('/rest/v1/')) {
    if (header.authorization === `Bearer ${STALE_TOKEN}`) return { status: 401, body: { code: 'PGRST303', message: 'JWT expired' } };
    if (header.authorization !== `Bearer ${TOKEN}`) return { status: 401, body: { code: 'PGRST301', message: 'JWT invalid' } };
    const table = pathname.slice('/rest/v1/'.length);
    const rows: Record<string, Json> = {
      members: { id: 'member-1', org_id: 'org-1', name: '张三', employee_no: 'E1001', department_id: 'dept-1', status: 'active' },
      departments: { id: 'dept-1', name: '研发中心' },
      orgs: { id: 'org-1', name: '星河科技' },
    };
    assert.equal(searchParams.get('id'), `eq.${rows[table]?.id}`, `${table} queried by id`);
    return { status: 200, body: rows[table] };
  }
  return { status: 404, body: { error: { code: 'not_found', message: `no route ${method} ${pathname}` } } };
}

// ---- the fake wx API ----------------------------------------------------------------------
const storage = new Map<string, unknown>();
let insideWecom = false;
const navigations: string[] = [];
const toasts: string[] = [];
const unknownApis = new Set<string>();

interface WxCallbacks {
  success?(res: unknown): void;
  complete?(res: unknown): void;
}
const later = (fn: () => void) => setTimeout(fn, 0);
const succeed = (options: WxCallbacks | undefined, result: Json = {}) =>
  later(() => {
    const res = { errMsg: 'ok', ...result };
    options?.success?.(res);
    options?.complete?.(res);
  });

const wxApi: Json = {
  request(options: WxRequestOptions) {
    const method = (options.method ?? 'GET').toUpperCase();
    const header = Object.fromEntries(Object.entries(options.header ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const call: RecordedCall = { method, url: options.url, header, data: options.data };
    requests.push(call);
    const answered = LIVE
      ? httpRequest(method, options.url, header, options.data)
      : Promise.resolve(gateway(method, options.url, header, options.data)).then((a) => ({ status: a.status, text: JSON.stringify(a.body) }));
    answered.then(
      ({ status, text }) => {
        call.status = status;
        call.response = text;
        const data = options.dataType === 'json' ? JSON.parse(text) : text;
        const res = { statusCode: status, header: { 'Content-Type': 'application/json' }, data, errMsg: 'request:ok' };
        options.success?.(res);
        options.complete?.(res);
      },
      (error: Error) => {
        const res = { errMsg: `request:fail ${error.message}` };
        options.fail?.(res);
        options.complete?.(res);
      },
    );
    return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
  },
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  reLaunch: (o: WxCallbacks & { url: string }) => (navigations.push(o.url), succeed(o)),
  redirectTo: (o: WxCallbacks & { url: string }) => (navigations.push(o.url), succeed(o)),
  navigateTo: (o: WxCallbacks & { url: string }) => (navigations.push(o.url), succeed(o)),
  showToast: (o: WxCallbacks & { title: string }) => (toasts.push(o.title), succeed(o)),
  getSystemInfoSync: () => ({
    platform: 'devtools',
    windowWidth: 375,
    windowHeight: 667,
    pixelRatio: 2,
    SDKVersion: '3.0.0',
    // WeCom runs mini-programs with environment 'wxwork'; plain WeChat has none.
    ...(insideWecom ? { environment: 'wxwork' } : {}),
  }),
  login: (o: WxCallbacks) => succeed(o, { code: 'wx-smoke-code', errMsg: 'login:ok' }),
  qy: {
    login: (o: WxCallbacks) => succeed(o, { code: 'qy-smoke-code', errMsg: 'qy.login:ok' }),
  },
  getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2 }),
  getDeviceInfo: () => ({ platform: 'devtools' }),
  getAppBaseInfo: () => ({ SDKVersion: '3.0.0' }),
  canIUse: () => true,
  getRandomValues: (o: WxCallbacks & { length: number }) => succeed(o, { randomValues: new Uint8Array(randomBytes(o.length)).buffer }),
  scanCode: (o: WxCallbacks) => succeed(o, { result: scanResult, scanType: 'QR_CODE', errMsg: 'scanCode:ok' }),
  onUserCaptureScreen: (listener: () => void) => void (captureListener = listener),
  offUserCaptureScreen: () => void (captureListener = undefined),
  setVisualEffectOnCapture: (o: WxCallbacks & { visualEffect: string }) => (captureEffects.push(o.visualEffect), succeed(o)),
  nextTick: (fn: () => void) => later(fn),
};

// Unknown APIs answer like a successful no-op, and are listed at the end.
const wx = new Proxy(wxApi, {
  get(target, key: string) {
    if (key in target) return target[key];
    if (key === 'webpackJsonp') return undefined;
    unknownApis.add(key);
    return (options?: WxCallbacks) => succeed(options);
  },
  set(target, key: string, value) {
    target[key] = value;
    return true;
  },
});

// ---- App / Page globals and a CommonJS require over dist files ---------------------------
interface PageInstance extends Json {
  data: Json;
  route: string;
  setData(patch: Json, cb?: () => void): void;
}
let appConfig: Json | undefined;
const pageConfigs = new Map<string, Json>();
let loadingRoute = '';

function setPath(root: Json, key: string, value: unknown) {
  const parts = key.split('.').map((part) => (/^\[\d+\]$/.test(part) ? Number(part.slice(1, -1)) : part));
  let node: Record<string | number, unknown> = root;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) node[part] = value;
    else {
      if (node[part] == null || typeof node[part] !== 'object') node[part] = typeof parts[i + 1] === 'number' ? [] : {};
      node = node[part] as Record<string | number, unknown>;
    }
  });
}

// WeChat forbids eval and new Function in mini-programs; so does this context.
const context = vm.createContext({
  console,
  setTimeout,
  clearTimeout,
  setInterval,
  clearInterval,
  wx,
  App: (config: Json) => void (appConfig = config),
  Page: (config: Json) => void pageConfigs.set(loadingRoute, config),
  Component: () => undefined,
  getApp: () => appConfig,
  getCurrentPages: () => [],
}, { codeGeneration: { strings: false, wasm: false } });

for (const name of ['fetch', 'Headers', 'URL', 'URLSearchParams', 'WebSocket', 'AbortController', 'window', 'document', 'TextEncoder']) {
  assert.equal(vm.runInContext(`typeof ${name}`, context), 'undefined', `${name} must not exist in the fake mini-program`);
}

const moduleCache = new Map<string, unknown>();
function requireFrom(dir: string) {
  return (request: string): unknown => {
    const file = path.resolve(dir, request.endsWith('.js') ? request : `${request}.js`);
    if (moduleCache.has(file)) return (moduleCache.get(file) as { exports: unknown }).exports;
    const module = { exports: {} };
    moduleCache.set(file, module);
    const code = fs.readFileSync(file, 'utf8');
    const wrapper = vm.runInContext(`(function (require, module, exports) {${code}\n})`, context, { filename: file }) as (
      r: (x: string) => unknown,
      m: typeof module,
      e: unknown,
    ) => void;
    wrapper(requireFrom(path.dirname(file)), module, module.exports);
    return module.exports;
  };
}
const requireDist = requireFrom(dist);

function loadPage(route: string): PageInstance {
  loadingRoute = route;
  requireDist(`./${route}.js`);
  const config = pageConfigs.get(route);
  assert.ok(config, `Page() was called for ${route}`);
  const page = Object.assign(Object.create(null) as Json, config, {
    route,
    __route__: route,
    data: structuredClone(config.data ?? {}) as Json,
    setData(this: PageInstance, patch: Json, cb?: () => void) {
      for (const [key, value] of Object.entries(patch)) setPath(this.data, key, value);
      if (cb) later(cb);
    },
  }) as unknown as PageInstance;
  return page;
}

interface TaroNode {
  nn?: string;
  sid?: string;
  cl?: string;
  v?: string;
  cn?: TaroNode[];
}
const textOf = (node: TaroNode): string => (node.v ?? '') + (node.cn ?? []).map(textOf).join('');
function findNode(node: TaroNode, match: (n: TaroNode) => boolean): TaroNode | undefined {
  if (match(node)) return node;
  for (const child of node.cn ?? []) {
    const found = findNode(child, match);
    if (found) return found;
  }
  return undefined;
}

async function waitFor(what: string, check: () => boolean, shown: () => string, timeoutMs = 3000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; the page shows: "${shown()}"`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function tap(page: PageInstance, node: TaroNode) {
  assert.ok(node.sid, 'tapped node has a sid');
  const target = { id: node.sid, dataset: { sid: node.sid } };
  (page.eh as (e: unknown) => void).call(page, { type: 'tap', timeStamp: Date.now(), target, currentTarget: target, detail: { x: 1, y: 1 } });
}

function input(page: PageInstance, node: TaroNode, value: string) {
  assert.ok(node.sid, 'input node has a sid');
  const target = { id: node.sid, dataset: { sid: node.sid } };
  (page.eh as (e: unknown) => void).call(page, { type: 'input', timeStamp: Date.now(), target, currentTarget: target, detail: { value, cursor: value.length, keyCode: 0 } });
}

const hasClass = (name: string) => (n: TaroNode) => (n.cl ?? '').split(' ').includes(name);

/** Loads a page the way WeChat opens it (onLoad with the query, then onShow) and returns helpers for it. */
function openPage(route: string, query: Record<string, string> = {}) {
  const page = loadPage(route);
  (page.onLoad as (o: unknown) => void).call(page, query);
  (page.onShow as (() => void) | undefined)?.call(page);
  const root = () => (page.data.root ?? {}) as TaroNode;
  const text = () => textOf(root());
  const find = (match: (n: TaroNode) => boolean) => findNode(root(), match);
  const until = (what: string, check: () => boolean) => waitFor(`${what} on ${route}`, check, text);
  const tapOn = (match: (n: TaroNode) => boolean, what: string) => {
    const node = find(match);
    assert.ok(node, `${what} rendered on ${route}; it shows "${text()}"`);
    tap(page, node);
  };
  /** Types into a FormField: the Input inside `.form-field--<name>`. */
  const typeInto = (name: string, value: string) => {
    const field = find(hasClass(`form-field--${name}`));
    const node = field && findNode(field, hasClass('form-field__input'));
    assert.ok(node, `input ${name} rendered on ${route}; it shows "${text()}"`);
    input(page, node, value);
  };
  return { page, root, text, find, until, tapOn, typeInto };
}

/**
 * The code the phone shows: rebuilt here from what it stored (credential,
 * device key, the counter it took) and checked against the drawn QR, run by
 * run, so the Views really draw that code.
 */
function shownCode(qr: TaroNode): string {
  const wallet = JSON.parse(String(storage.get('yima.code.credentials'))) as Record<string, { credential: string; nextCounter: number }>;
  const stored = Object.values(wallet)[0]!;
  const deviceSecretKey = hexToBytes(String(storage.get('yima.code.device_key')));
  const drawn: TaroNode[] = [];
  findNode(qr, (n) => (hasClass('qr-code__run')(n) && drawn.push(n), false));
  const drawnRuns = drawn.map((n) => /top: ([\d.]+)%; left: ([\d.]+)%; width: ([\d.]+)%/.exec((n as { st?: string }).st ?? '')?.slice(1).join(',')).join(' ');
  // The step may have just turned: try this step and the previous one.
  const now = Math.floor(Date.now() / 1000);
  for (const at of [now, now - 30]) {
    const text = makeCode({ credential: base64urlDecode(stored.credential), deviceSecretKey, now: at, counter: stored.nextCounter - 1 }).text;
    const { size, runs } = qrLayout(text);
    const pct = (v: number) => ((v * 100) / size).toFixed(4);
    if (runs.map((r) => `${pct(r.row)},${pct(r.col)},${pct(r.length)}`).join(' ') === drawnRuns) return text;
  }
  throw new Error(`the drawn QR (${drawn.length} runs) is not the code the phone should show`);
}

const navigated = (url: string) => () => navigations.includes(url);
const storedSession = () => (JSON.parse(String(storage.get('yima.session') ?? '{}')) as { state?: { session?: Json | null } }).state?.session ?? null;
const callsTo = (pathPart: string) => requests.filter((r) => r.url.includes(pathPart));

// ---- the scenarios ----------------------------------------------------------------------------
/** Against the fake gateway: claim link -> WeChat login -> claim -> card (refresh on 401) -> logout -> WeCom login. */
async function fakeGatewayScenario() {
  // A claim link opened signed out: remember the org, go to login.
  const link = openPage('pages/claim/index', { org: 'demo' });
  await link.until('relaunch to login', navigated('/pages/login/index'));
  assert.equal(storage.get('yima.claim_org'), 'demo', 'the linked org is kept across the login detour');

  // Login signs in with WeChat by itself (wx.login -> auth-wechat) and comes back to claim.
  const login = openPage('pages/login/index');
  await login.until('back to the claim page', navigated('/pages/claim/index?org=demo'));
  const wechat = callsTo('/functions/v1/auth-wechat');
  assert.equal(wechat.length, 1);
  assert.deepEqual(JSON.parse(String(wechat[0]!.data)), { code: 'wx-smoke-code' });
  assert.equal(wechat[0]!.header.authorization, `Bearer ${ANON_KEY}`, 'login calls carry the anon key');
  assert.equal(callsTo('/functions/v1/auth-wecom').length, 0);

  // The claim form asks for the org's fields; a refused attempt reads in zh-CN; then the card is claimed.
  const claim = openPage('pages/claim/index', { org: 'demo' });
  await claim.until('the claim form', () => !!claim.find(hasClass('claim__form')));
  const labels: string[] = [];
  findNode(claim.root(), (n) => (hasClass('form-field__label')(n) && labels.push(textOf(n)), false));
  assert.deepEqual(labels, ['工号', '手机号'], 'employee_no_phone asks for 工号 and 手机号');
  assert.ok(claim.text().includes('领取 星河科技 的工卡'));
  claim.typeInto('employee_no', 'E9999');
  claim.typeInto('phone', '13800000001');
  claim.tapOn(hasClass('claim__submit'), 'the claim button');
  await claim.until('the no_match message', () => claim.text().includes('信息不匹配，请核对后重试（还可尝试 4 次）'));
  claim.typeInto('employee_no', 'E1001');
  claim.tapOn(hasClass('claim__submit'), 'the claim button');
  await claim.until('relaunch to the card', navigated('/pages/index/index'));
  const claimCalls = callsTo('/functions/v1/card-claim').filter((r) => r.method === 'POST');
  assert.equal(claimCalls.length, 2);
  assert.equal(claimCalls[1]!.header.authorization, `Bearer ${UNCLAIMED_TOKEN}`, 'card-claim carries the user token');
  assert.deepEqual((JSON.parse(String(claimCalls[1]!.data)) as Json).fields, { employee_no: 'E1001', phone: '13800000001' });
  assert.ok(!storage.has('yima.claim_org'), 'claim target cleared');
  assert.match(String(storage.get('yima.device_id')), /^[A-Za-z0-9_-]{32}$/, 'device id kept in wx storage');

  // The card: PostgREST refuses the stale token once; the app refreshes and repeats the query.
  const home = openPage('pages/index/index');
  await home.until('the member card', () => !!home.find(hasClass('card')) && home.text().includes('研发中心'));
  const cardText = textOf(home.find(hasClass('card'))!);
  for (const expected of ['张三', '星河科技', '研发中心', 'E1001']) assert.ok(cardText.includes(expected), `card shows ${expected}; it shows "${cardText}"`);
  const sequence = requests
    .filter((r) => r.url.includes('/rest/v1/members') || r.url.includes('auth-session/refresh'))
    .map((r) => `${r.url.includes('refresh') ? 'refresh' : 'members'} ${r.header.authorization?.slice(7)} ${r.status}`);
  assert.deepEqual(sequence, [`members ${STALE_TOKEN} 401`, `refresh ${ANON_KEY} 200`, `members ${TOKEN} 200`], 'one refresh after the 401, then the same query again');
  assert.equal(storedSession()?.accessToken, TOKEN);
  assert.equal(storedSession()?.refreshToken, ROTATED_REFRESH, 'rotated refresh token stored');

  // The dynamic code: enrolled once (the token was renewed first), drawn as runs of Views.
  await home.until('the dynamic code', () => !!home.find(hasClass('qr-code')));
  const enrol = callsTo('/functions/v1/code-enroll').filter((r) => r.status === 200);
  assert.equal(enrol.length, 1, 'enrolled once');
  assert.equal(enrol[0]!.header.authorization, `Bearer ${TOKEN}`);
  const shown = shownCode(home.find(hasClass('qr-code'))!);
  assert.ok(captureEffects.includes('hidden'), 'the code is hidden in screenshots (setVisualEffectOnCapture)');
  assert.match(home.text(), /\d+ 秒后自动刷新/, 'countdown shown');

  // A screenshot is recorded on the phone and the member is warned.
  assert.ok(captureListener, 'listening for screenshots');
  captureListener();
  assert.ok(toasts.some((t) => t.startsWith('检测到截屏')), 'screenshot warning');
  assert.equal((JSON.parse(String(storage.get('yima.code.capture_events'))) as unknown[]).length, 1, 'screenshot recorded');

  // 验码: the account holds the cards function; the scanner reads the code on screen; code-verify accepts it.
  await home.until('the 验码 button', () => !!home.find(hasClass('home__verify')));
  home.tapOn(hasClass('home__verify'), 'the 验码 button');
  await home.until('navigate to verify', navigated('/pages/verify/index'));
  const verify = openPage('pages/verify/index');
  scanResult = shown;
  await verify.until('the scan button', () => !!verify.find(hasClass('verify__scan')));
  assert.ok(!verify.find(hasClass('verify__input')), 'WeChat scans; no paste box');
  verify.tapOn(hasClass('verify__scan'), 'the scan button');
  await verify.until('通过', () => verify.text().includes('通过') && verify.text().includes('张三'));
  verify.tapOn(hasClass('verify__scan'), 'the scan button');
  await verify.until('拒绝 (replayed)', () => verify.text().includes('拒绝') && verify.text().includes('二维码已使用'));

  // Sign out: the refresh token is revoked, login opens without signing straight back in.
  home.tapOn(hasClass('home__logout'), 'the sign-out button');
  await home.until('relaunch to login', navigated('/pages/login/index?manual=1'));
  await waitFor('the logout call', () => callsTo('auth-session/logout').some((r) => r.status === 200), home.text);
  assert.deepEqual(JSON.parse(String(callsTo('auth-session/logout')[0]!.data)), { refresh_token: ROTATED_REFRESH });
  assert.equal(storedSession(), null, 'signed out');

  // Inside WeCom (environment wxwork): the button signs in with wx.qy.login -> auth-wecom.
  insideWecom = true;
  const navigationsBefore = navigations.length;
  const wecomLogin = openPage('pages/login/index', { manual: '1' });
  await wecomLogin.until('the WeCom button', () => wecomLogin.text().includes('企业微信一键登录'));
  assert.equal(callsTo('/functions/v1/auth-wecom').length, 0, 'no automatic sign-in right after signing out');
  wecomLogin.tapOn(hasClass('login__mini-button'), 'the WeCom sign-in button');
  await wecomLogin.until('relaunch to the card', () => navigations.slice(navigationsBefore).includes('/pages/index/index'));
  assert.deepEqual(JSON.parse(String(callsTo('/functions/v1/auth-wecom')[0]!.data)), { code: 'qy-smoke-code' });
  assert.equal(storedSession()?.accessToken, TOKEN);
  assert.equal(callsTo('/functions/v1/auth-wechat').length, 1, 'WeChat login not used inside WeCom');
}

/** Against a running local stack: WeChat is not configured there, so a demo persona signs in instead. */
async function liveScenario() {
  const login = openPage('pages/login/index');
  await login.until('the WeChat failure message', () => login.text().includes('服务端尚未配置微信登录'));
  const wechat = callsTo('/functions/v1/auth-wechat')[0];
  assert.equal(wechat?.status, 503, 'auth-wechat answers 503 wechat_not_configured locally');

  const personaCall = () => requests.find((r) => r.method === 'GET' && r.url.includes('/functions/v1/auth-dev'));
  await login.until('personas from auth-dev', () => personaCall()?.response !== undefined);
  const personas = (JSON.parse(personaCall()?.response ?? '{}') as { personas?: { key: string; name: string; org_name: string; role_label: string }[] }).personas ?? [];
  const persona = personas.find((p) => p.key === PERSONA);
  assert.ok(persona, `auth-dev lists ${PERSONA}`);
  await login.until('the persona list', () => login.text().includes(`${persona.org_name} · ${persona.role_label}`));
  assert.equal(personaCall()?.header.authorization, `Bearer ${ANON_KEY}`);

  login.tapOn((n) => hasClass('persona')(n) && textOf(n).includes(persona.name), 'the persona');
  await login.until('relaunch to the card', navigated('/pages/index/index'));
  const session = storedSession();
  assert.ok(session?.accessToken && session.refreshToken, 'access and refresh token in wx storage');

  const home = openPage('pages/index/index');
  await home.until('the member card', () => !!home.find(hasClass('card')));
  const cardText = textOf(home.find(hasClass('card'))!);
  for (const expected of [persona.name, persona.org_name]) assert.ok(cardText.includes(expected), `card shows ${expected}; it shows "${cardText}"`);
  assert.ok(!cardText.includes('未分配部门'), `card shows a department; it shows "${cardText}"`);
  const memberCall = callsTo('/rest/v1/members')[0];
  assert.equal(memberCall?.status, 200);
  assert.equal(memberCall?.header.authorization, `Bearer ${session.accessToken}`);
  assert.ok(memberCall?.url.includes('org_id=eq.'), 'members filtered by org_id');
  console.log(`  home card: ${cardText}`);
  await home.until('the dynamic code (real code-enroll)', () => !!home.find(hasClass('qr-code')));
  assert.equal(callsTo('/functions/v1/code-enroll')[0]?.status, 200, 'code-enroll accepted the device key');
  shownCode(home.find(hasClass('qr-code'))!);

  home.tapOn(hasClass('home__logout'), 'the sign-out button');
  await waitFor('the logout call', () => callsTo('auth-session/logout').some((r) => r.status === 200), home.text);
}

async function main() {
  assert.ok(fs.existsSync(path.join(dist, 'app.js')), `build first: ${dist}/app.js is missing`);
  const started = Date.now();

  requireDist('./app.js');
  assert.ok(appConfig, 'App() was called');
  (appConfig.onLaunch as (o: unknown) => void)?.call(appConfig, { path: 'pages/index/index', query: {}, scene: 1001 });
  (appConfig.onShow as ((o: unknown) => void) | undefined)?.call(appConfig, { path: 'pages/index/index', query: {}, scene: 1001 });

  if (LIVE) await liveScenario();
  else await fakeGatewayScenario();

  console.log(`weapp smoke (${LIVE ? `live: ${GATEWAY}` : 'fake gateway'}) passed in ${Date.now() - started} ms: ${requests.length} wx.request calls`);
  for (const r of requests) console.log(`  ${r.method} ${r.url.replace(GATEWAY, '')} -> ${r.status}`);
  console.log(`  navigations: ${navigations.join(' , ')}`);
  if (toasts.length) console.log(`  toasts: ${toasts.join(' | ')}`);
  console.log(`  wx APIs stubbed as no-ops: ${[...unknownApis].sort().join(', ') || 'none'}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('weapp smoke FAILED:', error);
    console.error('wx.request calls:', requests.map((r) => `${r.method} ${r.url} -> ${r.status} ${r.response?.slice(0, 300)}`));
    console.error('toasts:', toasts);
    process.exit(1);
  },
);
