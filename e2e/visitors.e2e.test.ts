// Visitor appointments end to end in three browsers: 王芳 (member-a, the host)
// gets her shareable apply link; a visitor with no account opens it in a
// fresh browser context and applies; 王芳 approves in 我的访客 (H5 UI); the
// visitor's page, waiting on 等待被访人审批, turns into the pass QR; 李娜
// (dept-admin-a, whose admin group holds the cards function: a guard) pastes
// the pass code into the verify page, sees the visitor and 通过, and checks
// the visitor out (签离). Then an expired pass (its window moved into the past
// in the database) and an application 王芳 rejects in the UI are refused on
// the pass page, and the expired and a cancelled pass are refused by the
// verify page.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { appUrl, launch, newPage } from './setup/browser.ts';

let browser: Browser;
let close: () => Promise<void>;
beforeAll(async () => ({ browser, close } = await launch()));
afterAll(async () => close?.());

async function api(path: string, init: { method?: string; token: string; body?: unknown }): Promise<any> {
  const { apiUrl, anonKey } = inject('e2e');
  const res = await fetch(`${apiUrl}${path}`, {
    method: init.method ?? 'POST',
    headers: { apikey: anonKey, Authorization: `Bearer ${init.token}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function personaToken(key: string): Promise<string> {
  const body = await api('/functions/v1/auth-dev', { token: inject('e2e').anonKey, body: { persona: key } });
  return body.access_token as string;
}

async function sql(text: string, params: unknown[] = []) {
  const db = new pg.Client({ connectionString: inject('e2e').adminDbUrl });
  await db.connect();
  try {
    return (await db.query(text, params)).rows;
  } finally {
    await db.end();
  }
}

/** The H5 page of a visitor link (the functions build it on their public app URL; use this stack's). */
function h5(url: string): string {
  return appUrl(`/h5/${url.slice(url.indexOf('#'))}`);
}
const tokenOf = (url: string) => decodeURIComponent(/[?&]t=([^&]+)/.exec(url)![1]!);

async function signInAs(page: Page, name: string) {
  await page.goto(appUrl('/h5/'));
  await page.getByText(name).first().click();
  await page.locator('.home__visitors').waitFor({ timeout: 20_000 });
}

/** Pastes a code on the verify page and returns the verdict panel's text once it changes. */
async function verify(page: Page, code: string, expected: 'pass' | 'reject'): Promise<string> {
  if (await page.locator('.verify__result').count()) {
    await page.evaluate(() => document.querySelector('.verify__result')?.setAttribute('data-stale', '1'));
  }
  await page.locator('.verify__input textarea').fill(code);
  await page.locator('.verify__submit').click();
  const result = page.locator(`.verify__result[data-verdict="${expected}"]:not([data-stale])`);
  await result.waitFor({ timeout: 15_000 });
  return (await result.textContent()) ?? '';
}

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const phone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** An application through the API (visit-apply, no sign-in), approved by the host (visit-decide); its pass link and code. */
async function approvedPass(linkToken: string, hostToken: string, name: string): Promise<{ visitId: string; url: string; code: string }> {
  const { anonKey } = inject('e2e');
  const applied = await api('/functions/v1/visit-apply', {
    token: anonKey, body: { t: linkToken, name, phone: phone(), window_from: inMinutes(-5), window_until: inMinutes(120) },
  });
  await api('/functions/v1/visit-decide', { token: hostToken, body: { visit_id: applied.visit.id, decision: 'approved' } });
  const pass = await api(`/functions/v1/visit-pass?t=${encodeURIComponent(tokenOf(applied.visitor_url))}`, { method: 'GET', token: anonKey });
  expect(pass.code).toMatch(/^YM1:/);
  return { visitId: applied.visit.id, url: applied.visitor_url, code: pass.code };
}

describe('visitors (H5)', () => {
  it('apply by link without an account, host approves, the pass QR shows, the guard verifies it; expired, rejected and cancelled are refused', async () => {
    const wangToken = await personaToken('member-a');
    const link = await api('/functions/v1/visit-link', { token: wangToken, body: {} });
    expect(link.url).toContain('#/pages/visitor/apply?t=');
    const visitorName = `访客${Date.now() % 100000}`;

    // The visitor: a fresh browser context, never signed in.
    const visitor = await newPage(browser, 'phone');
    await visitor.goto(h5(link.url));
    await visitor.getByText('拜访 王芳').waitFor({ timeout: 20_000 });
    await visitor.locator('.form-field--visitor-name input').fill(visitorName);
    await visitor.locator('.form-field--visitor-phone input').fill(phone());
    await visitor.locator('.form-field--visitor-company input').fill('来访科技');
    await visitor.locator('.visitor-fields__chips--identity [data-option="客户"]').click();
    await visitor.locator('.form-field--visitor-purpose input').fill('商务洽谈');
    await visitor.locator('.visitor-apply__submit').click();
    await visitor.getByText('等待被访人审批').waitFor({ timeout: 20_000 });
    expect(await visitor.locator('.qr-code').count()).toBe(0);
    expect(visitor.url()).toContain('pages/visitor/pass?t=');
    await visitor.screenshot({ path: '/tmp/yima-e2e-visitor-pending.png' });

    // The host approves in 我的访客.
    const host = await newPage(browser, 'phone');
    await signInAs(host, '王芳');
    await host.locator('.home__visitors').click();
    const item = host.locator('.visitors__section--mine .visitors__item', { hasText: visitorName });
    await item.waitFor({ timeout: 15_000 });
    expect(await item.getAttribute('data-status')).toBe('pending');
    expect(await item.textContent()).toContain('待审批');
    await item.locator('.visitors__approve').click();
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 15_000 }).toBe('approved');

    // The visitor's page polls (every 10 s) and shows the pass.
    const qr = visitor.locator('.visitor-pass .qr-code[data-code]');
    await qr.waitFor({ timeout: 25_000 });
    const code = (await qr.getAttribute('data-code'))!;
    expect(code).toMatch(/^YM1:/);
    const passText = (await visitor.locator('.visitor-pass').textContent()) ?? '';
    expect(passText).toContain(visitorName);
    expect(passText).toContain('王芳');
    await visitor.screenshot({ path: '/tmp/yima-e2e-visitor-pass.png' });

    // The guard (李娜: cards function) verifies the pass on the H5 verify page.
    const guard = await newPage(browser, 'phone');
    await signInAs(guard, '李娜');
    await guard.locator('.home__verify').waitFor({ timeout: 20_000 });
    expect(await guard.locator('.home__walk-in').count()).toBe(1);
    await guard.locator('.home__verify').click();
    await guard.locator('.verify__input textarea').waitFor({ timeout: 15_000 });
    const accepted = await verify(guard, code, 'pass');
    expect(accepted).toContain('通过');
    expect(accepted).toContain(visitorName);
    expect(accepted).toContain('被访人：王芳');
    expect(accepted).toContain('来访科技');
    expect(accepted).toContain('已签到');
    await guard.screenshot({ path: '/tmp/yima-e2e-visitor-verify.png' });
    // 签离: the visitor leaves (visit_checkout); the pass is then over.
    await guard.locator('.verify__checkout').click();
    await expect.poll(() => guard.locator('.verify__visit-status').textContent(), { timeout: 15_000 }).toBe('已签离');
    expect(await guard.locator('.verify__checkout').count()).toBe(0);
    const [{ status }] = await sql(`select status from public.visits where visitor_name = $1`, [visitorName]);
    expect(status).toBe('checked_out');

    // An expired pass: its window moved into the past.
    const expired = await approvedPass(link.token, wangToken, `过期访客${Date.now() % 1000}`);
    await sql(`update public.visits set window_from = now() - interval '3 hours', window_until = now() - interval '1 hour' where id = $1`, [expired.visitId]);
    const expiredPage = await newPage(browser, 'phone');
    await expiredPage.goto(h5(expired.url));
    const expiredRefusal = expiredPage.locator('.visitor-pass--refused[data-reason="pass_expired"]');
    await expiredRefusal.waitFor({ timeout: 20_000 });
    expect(await expiredRefusal.textContent()).toContain('通行证已过期');
    expect(await expiredPage.locator('.qr-code').count()).toBe(0);
    const expiredVerdict = await verify(guard, expired.code, 'reject');
    expect(expiredVerdict).toContain('拒绝');
    expect(expiredVerdict).toContain('访问已结束或已过期');

    // A rejected application: the host rejects with a reason in the UI; the visitor's link refuses.
    const rejectedName = `拒绝访客${Date.now() % 1000}`;
    const applied = await api('/functions/v1/visit-apply', {
      token: inject('e2e').anonKey,
      body: { t: link.token, name: rejectedName, phone: phone(), window_from: inMinutes(30), window_until: inMinutes(90) },
    });
    await host.reload();
    const pendingItem = host.locator('.visitors__section--mine .visitors__item', { hasText: rejectedName });
    await pendingItem.waitFor({ timeout: 20_000 });
    await pendingItem.locator('.visitors__reject').click();
    await pendingItem.locator('.visitors__reason-input textarea').fill('当天会议室已满');
    await pendingItem.locator('.visitors__confirm').click();
    await expect.poll(() => pendingItem.getAttribute('data-status'), { timeout: 15_000 }).toBe('rejected');
    const rejectedPage = await newPage(browser, 'phone');
    await rejectedPage.goto(h5(applied.visitor_url));
    const rejectedRefusal = rejectedPage.locator('.visitor-pass--refused[data-reason="visit_rejected"]');
    await rejectedRefusal.waitFor({ timeout: 20_000 });
    expect(await rejectedRefusal.textContent()).toContain('您的访问申请未通过：当天会议室已满');
    expect(await rejectedPage.locator('.qr-code').count()).toBe(0);

    // A cancelled pass (approved, then cancelled by the host): revoked at the verify page and on the pass page.
    const cancelled = await approvedPass(link.token, wangToken, `取消访客${Date.now() % 1000}`);
    await api('/rest/v1/rpc/visit_cancel', { token: wangToken, body: { p_visit: cancelled.visitId, p_reason: '行程变更' } });
    const cancelledVerdict = await verify(guard, cancelled.code, 'reject');
    expect(cancelledVerdict).toContain('访问已取消或未获批准');
    const cancelledPage = await newPage(browser, 'phone');
    await cancelledPage.goto(h5(cancelled.url));
    await cancelledPage.locator('.visitor-pass--refused[data-reason="visit_cancelled"]').waitFor({ timeout: 20_000 });
    expect(await cancelledPage.locator('.visitor-pass').textContent()).toContain('该访问已取消');
  });

  it('a tampered apply link is refused without a form', async () => {
    const wangToken = await personaToken('member-a');
    const link = await api('/functions/v1/visit-link', { token: wangToken, body: {} });
    const page = await newPage(browser, 'phone');
    await page.goto(h5(link.url.replace(/t=([^&]{5})/, 't=AAAAA')));
    await page.locator('.visitor-apply--refused').waitFor({ timeout: 20_000 });
    expect(await page.locator('.visitor-apply').textContent()).toContain('访客申请链接无效');
    expect(await page.locator('.visitor-apply__submit').count()).toBe(0);
  });
});
