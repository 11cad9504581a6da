// The admin console in a real browser: a department admin signs in and sees
// exactly their subtree's members; a super admin sees the whole org.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { appUrl, launch, newPage } from './setup/browser.ts';

let browser: Browser;
let close: () => Promise<void>;
beforeAll(async () => ({ browser, close } = await launch()));
afterAll(async () => close?.());

describe('admin console', () => {
  it('a department admin signs in with a demo persona and sees only their subtree', async () => {
    const page = await newPage(browser, 'desktop');
    await page.goto(appUrl('/admin/'));
    await page.getByText('李娜').first().click();
    await expect.poll(() => page.getByText('刘洋').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/yima-e2e-admin.png' });
    expect(await page.getByText('陈静').count()).toBe(0);
  });
});
