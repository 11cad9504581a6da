// The dynamic code end to end in two browsers: 王芳 (member-a) opens her card
// in the H5 app and shows a code; 张伟 (super-admin-a, a guard: his admin group
// holds the cards function) pastes it into the verify page. The server
// accepts it once, refuses it the second time (replayed), and refuses a
// tampered code without consuming the genuine one.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { appUrl, launch, newPage } from './setup/browser.ts';

let browser: Browser;
let close: () => Promise<void>;
beforeAll(async () => ({ browser, close } = await launch()));
afterAll(async () => close?.());

const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

async function signInAs(page: Page, name: string) {
  await page.goto(appUrl('/h5/'));
  await page.getByText(name).first().click();
}

/** The code the card page shows right now (H5 puts it on the QR box as data-code). */
async function currentCode(page: Page): Promise<string> {
  const box = page.locator('.qr-code[data-code]');
  await box.waitFor({ timeout: 20_000 });
  const code = await box.getAttribute('data-code');
  expect(code).toMatch(/^YM1:[0-9A-Z $%*+\-./:]+$/);
  return code!;
}

/** Pastes a code on the verify page and returns the verdict panel's text once it changes. */
async function verify(page: Page, code: string, expected: 'pass' | 'reject'): Promise<string> {
  const previous = await page.locator('.verify__result').count();
  if (previous) await page.evaluate(() => document.querySelector('.verify__result')?.setAttribute('data-stale', '1'));
  await page.locator('.verify__input textarea').fill(code);
  await page.locator('.verify__submit').click();
  const result = page.locator(`.verify__result[data-verdict="${expected}"]:not([data-stale])`);
  await result.waitFor({ timeout: 15_000 });
  return (await result.textContent()) ?? '';
}

describe('card code -> guard verification (H5)', () => {
  it('a fresh code passes once, then is refused as replayed; a tampered code is refused', async () => {
    const member = await newPage(browser, 'phone');
    await signInAs(member, '王芳');
    const code = await currentCode(member);
    expect(code.length).toBe(390); // 257 bytes in base45, as the protocol says
    await expect.poll(() => member.locator('.dynamic-code__countdown').textContent()).toMatch(/\d+ 秒后自动刷新/);
    await member.screenshot({ path: '/tmp/yima-e2e-card-code.png' });

    // A separate browser context: the guard's own session and storage.
    const guard = await newPage(browser, 'phone');
    await signInAs(guard, '张伟');
    await guard.locator('.home__verify').waitFor({ timeout: 20_000 });
    await guard.locator('.home__verify').click();
    await guard.locator('.verify__input textarea').waitFor({ timeout: 15_000 });

    const accepted = await verify(guard, code, 'pass');
    expect(accepted).toContain('通过');
    expect(accepted).toContain('王芳');
    expect(accepted).toContain('前端组');
    await guard.screenshot({ path: '/tmp/yima-e2e-verify-pass.png' });

    const replayed = await verify(guard, code, 'reject');
    expect(replayed).toContain('拒绝');
    expect(replayed).toContain('二维码已使用');

    // Tap for a new code; alter one character inside the credential (so the
    // issuer signature no longer matches): refused, and nothing consumed.
    await member.locator('.qr-code').click();
    await expect.poll(() => currentCode(member)).not.toBe(code);
    const fresh = await currentCode(member);
    const at = 120;
    const swapped = BASE45[(BASE45.indexOf(fresh[at]!) + 1) % 10]!; // a digit keeps the base45 group in range
    const tampered = fresh.slice(0, at) + (swapped === fresh[at] ? '0' : swapped) + fresh.slice(at + 1);
    expect(tampered).not.toBe(fresh);
    const refused = await verify(guard, tampered, 'reject');
    expect(refused).toContain('拒绝');
    expect(refused).toMatch(/二维码无效|不是一码通二维码/);
    expect(refused).not.toContain('王芳'); // nothing from an unauthenticated code is shown as fact

    const genuine = await verify(guard, fresh, 'pass');
    expect(genuine).toContain('王芳');
  });

  it('a reload keeps the stored credential; once the server revokes it, the card enrols again', async () => {
    const member = await newPage(browser, 'phone');
    const enrolments: string[] = [];
    member.on('response', (res) => {
      if (res.url().includes('/functions/v1/code-enroll')) enrolments.push(String(res.status()));
    });
    await signInAs(member, '王芳');
    const first = await currentCode(member);
    expect(enrolments).toEqual(['200']);
    const credentialId = async () =>
      member.evaluate(() => Object.values(JSON.parse(JSON.parse(localStorage.getItem('yima.code.credentials')!).data) as Record<string, { credentialId: string }>)[0]!.credentialId);
    const before = await credentialId();

    // Relaunch: the server says the credential is live, so no new enrolment; the counter goes on.
    await member.reload();
    const again = await currentCode(member);
    expect(again).not.toBe(first);
    expect(await credentialId()).toBe(before);
    expect(enrolments).toEqual(['200']);

    // The phone is reported lost: the admin revokes the credential (as admin_revoke_credentials would).
    const db = new pg.Client({ connectionString: inject('e2e').adminDbUrl });
    await db.connect();
    try {
      await db.query(`update public.credentials set revoked_at = now(), revoke_reason = 'lost_device' where id = $1`, [before]);
    } finally {
      await db.end();
    }
    await member.reload();
    await expect.poll(() => enrolments.length, { timeout: 15_000 }).toBe(2);
    await expect.poll(() => credentialId()).not.toBe(before);
    expect(await currentCode(member)).toMatch(/^YM1:/);
  });

  it('a plain member sees no 验码 entry', async () => {
    const member = await newPage(browser, 'phone');
    await signInAs(member, '王芳');
    await currentCode(member);
    expect(await member.locator('.home__verify').count()).toBe(0);
  });
});
