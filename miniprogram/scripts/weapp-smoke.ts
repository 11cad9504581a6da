// Smoke test of the COMPILED WeChat build (dist/weapp-smoke), not the sources.
// It loads the bundle into a bare JS context that, like the mini-program, has
// no fetch, Headers, URL, WebSocket, AbortController, window or document and
// refuses eval / new Function; fakes the wx API and the App/Page globals; and
// drives the app end to end: personas load through wx.request (supabase-js +
// our fetch adapter + the injected Headers/URL polyfills), a tap signs in, the
// token lands in wx storage, and the home page shows the member read through
// PostgREST. It caught, among others, realtime-js throwing in createClient
// when no WebSocket exists.
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
import vm from 'node:vm';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../dist/weapp-smoke');
const LIVE = process.env.YIMA_SMOKE_LIVE === '1';
const GATEWAY = LIVE ? (process.env.TARO_APP_SUPABASE_URL ?? '').replace(/\/+$/, '') : 'https://gateway.smoke.test';
const ANON_KEY = LIVE ? (process.env.TARO_APP_SUPABASE_ANON_KEY ?? '') : 'anon-smoke-key';
const TOKEN = 'member-a-token';
const PERSONA = 'member-a';
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

function gateway(method: string, url: string, header: Record<string, string>, body: unknown): { status: number; body: unknown } {
  const { pathname, searchParams } = new URL(url);
  if (pathname === '/functions/v1/auth-dev' && method === 'GET') {
    return { status: 200, body: { personas: [{ key: 'member-a', name: '张三', org_name: '星河科技', role_label: '普通成员' }] } };
  }
  if (pathname === '/functions/v1/auth-dev' && method === 'POST') {
    const persona = (JSON.parse(String(body)) as { persona?: string }).persona;
    if (persona !== 'member-a') return { status: 404, body: { error: { code: 'unknown_persona', message: 'no such persona' } } };
    return {
      status: 200,
      body: {
        access_token: TOKEN,
        token_type: 'bearer',
        expires_in: 3600,
        user: { id: 'account-a' },
        member: { id: 'member-1', org_id: 'org-1', name: '张三', department_id: 'dept-1' },
      },
    };
  }
  if (pathname.startsWith('/rest/v1/')) {
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
  getSystemInfoSync: () => ({ platform: 'devtools', windowWidth: 375, windowHeight: 667, pixelRatio: 2, SDKVersion: '3.0.0' }),
  getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2 }),
  getDeviceInfo: () => ({ platform: 'devtools' }),
  getAppBaseInfo: () => ({ SDKVersion: '3.0.0' }),
  canIUse: () => true,
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

// ---- the scenario ---------------------------------------------------------------------------
async function main() {
  assert.ok(fs.existsSync(path.join(dist, 'app.js')), `build first: ${dist}/app.js is missing`);
  const started = Date.now();

  requireDist('./app.js');
  assert.ok(appConfig, 'App() was called');
  (appConfig.onLaunch as (o: unknown) => void)?.call(appConfig, { path: 'pages/login/index', query: {}, scene: 1001 });
  (appConfig.onShow as ((o: unknown) => void) | undefined)?.call(appConfig, { path: 'pages/login/index', query: {}, scene: 1001 });

  // Login page: the personas come from auth-dev through wx.request.
  const login = loadPage('pages/login/index');
  (login.onLoad as (o: unknown) => void).call(login, {});
  (login.onShow as (() => void) | undefined)?.call(login);
  const loginRoot = () => (login.data.root ?? {}) as TaroNode;
  const personaCall = () => requests.find((r) => r.method === 'GET' && r.url.includes('/functions/v1/auth-dev'));
  await waitFor('personas from auth-dev', () => personaCall()?.response !== undefined, () => textOf(loginRoot()));
  const personas = (JSON.parse(personaCall()?.response ?? '{}') as { personas?: { key: string; name: string; org_name: string; role_label: string }[] }).personas ?? [];
  const persona = personas.find((p) => p.key === PERSONA);
  assert.ok(persona, `auth-dev lists ${PERSONA}`);
  await waitFor('persona list on the login page', () => textOf(loginRoot()).includes(persona.name), () => textOf(loginRoot()));
  assert.ok(textOf(loginRoot()).includes(`${persona.org_name} · ${persona.role_label}`));

  assert.equal(personaCall()?.url, `${GATEWAY}/functions/v1/auth-dev`);
  assert.equal(personaCall()?.header.apikey, ANON_KEY);
  assert.equal(personaCall()?.header.authorization, `Bearer ${ANON_KEY}`);

  // Tap the persona: POST auth-dev, token stored, relaunch home.
  const personaNode = findNode(loginRoot(), (n) => (n.cl ?? '').split(' ').includes('persona') && textOf(n).includes(persona.name));
  assert.ok(personaNode, 'persona node rendered');
  tap(login, personaNode);
  await waitFor('relaunch to home', () => navigations.includes('/pages/index/index'), () => textOf(loginRoot()));
  const loginCall = requests.find((r) => r.method === 'POST');
  assert.deepEqual(JSON.parse(String(loginCall?.data)), { persona: PERSONA });
  assert.equal(loginCall?.status, 200);
  const token = (JSON.parse(loginCall?.response ?? '{}') as { access_token?: string }).access_token;
  const stored = JSON.parse(String(storage.get('yima.session'))) as { state: { session: { accessToken: string } } };
  assert.ok(token);
  assert.equal(stored.state.session.accessToken, token);

  // Home page: member, department and org read through PostgREST with the token.
  const home = loadPage('pages/index/index');
  (home.onLoad as (o: unknown) => void).call(home, {});
  (home.onShow as (() => void) | undefined)?.call(home);
  const homeRoot = () => (home.data.root ?? {}) as TaroNode;
  const card = () => findNode(homeRoot(), (n) => (n.cl ?? '').split(' ').includes('card'));
  await waitFor('member card on the home page', () => card() !== undefined, () => textOf(homeRoot()));
  const text = textOf(card()!);
  for (const expected of [persona.name, persona.org_name, ...(LIVE ? [] : ['研发中心', 'E1001'])]) {
    assert.ok(text.includes(expected), `home shows ${expected}; it shows "${text}"`);
  }
  assert.ok(!text.includes('未分配部门'), `home shows a department; it shows "${text}"`);
  const memberCall = requests.find((r) => r.url.includes('/rest/v1/members'));
  assert.equal(memberCall?.status, 200);
  assert.equal(memberCall?.header.authorization, `Bearer ${token}`);
  assert.ok(memberCall?.url.includes('org_id=eq.'), 'members filtered by org_id');
  if (LIVE) console.log(`  home card: ${text}`);

  console.log(`weapp smoke (${LIVE ? `live: ${GATEWAY}` : 'fake gateway'}) passed in ${Date.now() - started} ms: ${requests.length} wx.request calls`);
  for (const r of requests) console.log(`  ${r.method} ${r.url.replace(GATEWAY, '')} -> ${r.status}`);
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
