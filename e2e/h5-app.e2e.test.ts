// The H5 build of the mini-program in a phone-sized browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { appUrl, launch, newPage } from './setup/browser.ts';

let browser: Browser;
let close: () => Promise<void>;
beforeAll(async () => ({ browser, close } = await launch()));
afterAll(async () => close?.());

describe('H5 app', () => {
  it('a member signs in and sees their card with their name', async () => {
    const page = await newPage(browser, 'phone');
    await page.goto(appUrl('/h5/'));
    await page.getByText('王芳').first().click();
    await expect.poll(() => page.getByText('前端组').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/yima-e2e-h5.png' });
  });
});
