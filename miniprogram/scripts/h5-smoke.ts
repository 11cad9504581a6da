// Smoke test of the BUILT H5 app as the local gateway serves it (<base>/h5/),
// in jsdom with Node's fetch. No browser needed.
//   1. /env.json config, redirect to login, the SMS form and the demo
//      personas side by side, one-tap sign-in, the member card read through
//      RLS, sign-out back to login.
//   2. With YIMA_SMS_LOG (the stack's log, where the console SMS channel
//      prints codes): a claim link (#/pages/claim/index?org=demo) opened
//      signed out goes to login, SMS sign-in as an unclaimed member comes back
//      to the claim form, which asks for 工号 + 手机号 and claims the card.
//      Re-runs find the card already claimed and land on it directly.
//
// Run against a running stack (npm start, after npm run build):
//   YIMA_BASE_URL=http://127.0.0.1:54321 npm run smoke:h5 -w miniprogram
//   YIMA_VERBOSE=1 npm start > /tmp/stack.log   then add  YIMA_SMS_LOG=/tmp/stack.log
// YIMA_SMOKE_PHONE / _EMPLOYEE_NO / _NAME pick another unclaimed seeded member
// (default 13800000004 / E004 / 刘洋).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { JSDOM, VirtualConsole } from 'jsdom';

const base = (process.env.YIMA_BASE_URL ?? 'http://127.0.0.1:54321').replace(/\/+$/, '');
const SMS_LOG = process.env.YIMA_SMS_LOG;
const PERSONA = 'member-a';
const PHONE = process.env.YIMA_SMOKE_PHONE ?? '13800000004';
const EMPLOYEE_NO = process.env.YIMA_SMOKE_EMPLOYEE_NO ?? 'E004';
const MEMBER_NAME = process.env.YIMA_SMOKE_NAME ?? '刘洋';
const CLAIM_ORG = 'demo';

interface App {
  window: JSDOM['window'];
  text(): string;
  waitFor(what: string, check: () => boolean, timeoutMs?: number): Promise<void>;
  $(selector: string): HTMLElement | null;
  /** Types into a FormField's native input (Taro's Input listens for `input`). */
  type(field: string, value: string): Promise<void>;
  close(): void;
}

async function openApp(url: string): Promise<App> {
  const problems: string[] = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('jsdomError', (error) => problems.push(`jsdom: ${error.message}`));
  virtualConsole.on('error', (...args: unknown[]) => problems.push(`console.error: ${args.map(String).join(' ')}`));

  const dom = await JSDOM.fromURL(url, {
    runScripts: 'dangerously',
    resources: 'usable',
    pretendToBeVisual: true,
    virtualConsole,
    beforeParse(window) {
      // jsdom has no fetch; lend it Node's, resolving relative URLs against the page.
      const win = window as unknown as Record<string, unknown>;
      win.fetch = (input: string | URL | Request, init?: RequestInit) =>
        fetch(typeof input === 'string' ? new URL(input, window.location.href).href : input, init);
      win.Headers = Headers;
      win.Request = Request;
      win.Response = Response;
      win.scrollTo = () => undefined;
    },
  });
  const { window } = dom;
  const text = () => (window.document.body.textContent ?? '').replace(/\s+/g, ' ');
  const waitFor = async (what: string, check: () => boolean, timeoutMs = 20_000) => {
    const start = Date.now();
    while (!check()) {
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; page ${window.location.hash}: "${text().slice(0, 300)}"; ${problems.join('; ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const $ = (selector: string) => window.document.querySelector(selector) as HTMLElement | null;
  const type = async (field: string, value: string) => {
    const selector = `.form-field--${field} input`;
    await waitFor(`the ${field} input`, () => !!$(selector));
    const input = $(selector) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new window.Event('input', { bubbles: true }));
  };
  return { window, text, waitFor, $, type, close: () => window.close() };
}

/** Taro's H5 storage wraps each value as {"data": value} in localStorage. */
function stored(app: App, key: string): string | null {
  const raw = app.window.localStorage.getItem(key);
  if (raw === null) return null;
  const data = (JSON.parse(raw) as { data?: unknown }).data;
  return typeof data === 'string' && data !== '' ? data : null;
}

/** The codes the console SMS channel printed for this phone so far. */
function smsCodes(): string[] {
  const masked = `${PHONE.slice(0, 3)}****${PHONE.slice(-4)}`;
  const lines = fs.readFileSync(SMS_LOG!, 'utf8').split('\n');
  return lines.filter((line) => line.includes('[sms:console]') && line.includes(masked)).map((line) => /"code":"(\d{6})"/.exec(line)?.[1] ?? '');
}

async function personaFlow() {
  const config = (await (await fetch(`${base}/env.json`)).json()) as { anonKey: string };
  const listed = (await (await fetch(`${base}/functions/v1/auth-dev`, { headers: { apikey: config.anonKey } })).json()) as {
    personas: { key: string; name: string; org_name: string }[];
  };
  const persona = listed.personas.find((p) => p.key === PERSONA);
  assert.ok(persona, `auth-dev lists ${PERSONA}`);

  const app = await openApp(`${base}/h5/`);
  try {
    const started = Date.now();
    await app.waitFor('the login page with personas', () => app.window.location.hash.includes('pages/login/index') && app.text().includes(persona.name));
    assert.ok(app.$('.sms-login'), 'the H5 login page offers SMS sign-in');
    const tile = [...app.window.document.querySelectorAll('.persona')].find((node) => node.textContent?.includes(persona.name));
    assert.ok(tile, 'persona tile rendered');
    (tile as HTMLElement).click();

    const card = () => app.$('.card');
    await app.waitFor('the home card', () => app.window.location.hash.includes('pages/index/index') && !!card()?.textContent?.includes(persona.name));
    const cardText = card()?.textContent ?? '';
    assert.ok(cardText.includes(persona.org_name), `card shows the org; it shows "${cardText}"`);
    assert.ok(!cardText.includes('未分配部门'), `card shows a department; it shows "${cardText}"`);
    await app.waitFor('the dynamic code', () => /^YM1:/.test(app.$('.qr-code')?.getAttribute('data-code') ?? ''));
    const code = app.$('.qr-code')!.getAttribute('data-code')!;
    assert.equal(code.length, 390, 'a member code is 390 characters');
    assert.ok(stored(app, 'yima.code.device_key')?.match(/^[0-9a-f]{64}$/), 'device key kept in storage');
    assert.ok(stored(app, 'yima.code.credentials')?.includes('credentialId'), 'credential kept in storage');
    const session = JSON.parse(stored(app, 'yima.session') ?? '{}') as { state?: { session?: { refreshToken?: string } } };
    assert.ok(session.state?.session?.refreshToken, 'session with refresh token persisted');

    app.$('.home__logout')?.click();
    await app.waitFor('login after sign-out', () => app.window.location.hash.includes('pages/login/index') && !!app.$('.sms-login'));
    assert.equal(stored(app, 'yima.session')?.includes('refreshToken'), false, 'session forgotten');
    console.log(`h5 smoke (personas) passed in ${Date.now() - started} ms: "${cardText}"`);
  } finally {
    app.close();
  }
}

async function smsClaimFlow() {
  const app = await openApp(`${base}/h5/#/pages/claim/index?org=${CLAIM_ORG}`);
  try {
    const started = Date.now();
    await app.waitFor('login (claim link opened signed out)', () => app.window.location.hash.includes('pages/login/index') && !!app.$('.sms-login'));
    assert.equal(stored(app, 'yima.claim_org'), CLAIM_ORG, 'the linked org is remembered across login');

    await app.type('phone', PHONE);
    let before = smsCodes().length;
    app.$('.sms-login__send')?.click();
    // A re-run within a minute hits the per-phone limit: wait it out once.
    await app.waitFor('the code sent (or a rate limit)', () => smsCodes().length > before || app.text().includes('发送太频繁'), 15_000);
    const limited = /请 (\d+) 秒后再试/.exec(app.text());
    if (limited && smsCodes().length === before) {
      console.log(`  rate limited; waiting ${limited[1]} s`);
      await new Promise((resolve) => setTimeout(resolve, (Number(limited[1]) + 1) * 1000));
      before = smsCodes().length;
      app.$('.sms-login__send')?.click();
      await app.waitFor('the code sent', () => smsCodes().length > before, 15_000);
    }
    await app.waitFor('the resend countdown', () => /\d+ 秒后重发/.test(app.$('.sms-login__send')?.textContent ?? ''));
    const code = smsCodes().at(-1)!;
    await app.type('code', code);
    app.$('.sms-login__submit')?.click();

    await app.waitFor('the claim form or the card', () => !!app.$('.claim__form') || !!app.$('.card'));
    if (app.$('.claim__form')) {
      const labels = [...app.window.document.querySelectorAll('.claim__form .form-field__label')].map((node) => node.textContent);
      assert.deepEqual(labels, ['工号', '手机号'], 'demo claims by employee number + phone');
      await app.type('employee_no', EMPLOYEE_NO);
      await app.type('phone', PHONE);
      app.$('.claim__submit')?.click();
    } else {
      console.log('  (already claimed by an earlier run: straight to the card)');
    }
    await app.waitFor('the claimed card', () => app.window.location.hash.includes('pages/index/index') && !!app.$('.card')?.textContent?.includes(MEMBER_NAME));
    assert.equal(stored(app, 'yima.claim_org'), null, 'claim target cleared');
    console.log(`h5 smoke (SMS + claim) passed in ${Date.now() - started} ms: "${app.$('.card')?.textContent}"`);
  } finally {
    app.close();
  }
}

async function main() {
  await personaFlow();
  if (SMS_LOG) await smsClaimFlow();
  else console.log('h5 smoke: SMS + claim part skipped (set YIMA_SMS_LOG to the stack log)');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('h5 smoke FAILED:', error);
    process.exit(1);
  },
);
