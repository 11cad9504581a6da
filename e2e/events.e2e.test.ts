// Event sign-in in the H5 app with the browser's location: the organiser's
// big-screen code (fetched as 张伟) is pasted by 王芳 at the venue (signed in,
// distance shown), and by a phone about 1.5 km away (refused with the
// distance); the attempt is kept for the organiser.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { appUrl, launch } from './setup/browser.ts';

let browser: Browser;
let close: () => Promise<void>;
beforeAll(async () => ({ browser, close } = await launch()));
afterAll(async () => close?.());

async function api(path: string, token: string, body?: unknown): Promise<any> {
  const { apiUrl, anonKey } = inject('e2e');
  const res = await fetch(`${apiUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { apikey: anonKey, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
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

/** A phone-sized page whose browser reports this location. */
async function phoneAt(latitude: number, longitude: number): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN',
    geolocation: { latitude, longitude, accuracy: 20 }, permissions: ['geolocation'],
  });
  return context.newPage();
}

async function checkIn(page: Page, code: string): Promise<string> {
  await page.goto(appUrl('/h5/#/pages/apps/events/index'));
  await page.locator('.events__input textarea').waitFor({ timeout: 20_000 });
  await page.locator('.events__input textarea').fill(code);
  await page.locator('.events__submit').click();
  const outcome = page.locator('.events__outcome');
  await outcome.waitFor({ timeout: 20_000 });
  return `${await outcome.getAttribute('data-outcome')}: ${await outcome.textContent()}`;
}

describe('event sign-in (H5)', () => {
  it('signs in at the venue with the projected code and refuses a phone outside the geofence', async () => {
    const { anonKey } = inject('e2e');
    const organiser = (await api('/functions/v1/auth-dev', anonKey, { persona: 'super-admin-a' })).access_token as string;
    const [event] = await sql(`select id from events where title = '新员工入职培训'`);
    const { code } = await api(`/functions/v1/event-screen?event_id=${event.id}&action=in`, organiser);

    const near = await phoneAt(39.9090, 116.3980);
    await near.goto(appUrl('/h5/'));
    await near.getByText('王芳').first().click();
    await expect.poll(() => near.getByText('前端组').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const ok = await checkIn(near, code);
    expect(ok).toMatch(/^ok: 签到成功/);
    expect(ok).toMatch(/距活动地点约 \d+ 米/);
    await near.screenshot({ path: '/tmp/yima-e2e-event.png' });

    const far = await phoneAt(39.9227, 116.3975);
    await far.goto(appUrl('/h5/'));
    await far.getByText('赵强').first().waitFor({ timeout: 20_000 });
    // 李娜 (org A, in the audience) signs in from 1.5 km away.
    await far.getByText('李娜').first().click();
    await far.waitForTimeout(1500);
    const refused = await checkIn(far, (await api(`/functions/v1/event-screen?event_id=${event.id}&action=in`, organiser)).code);
    expect(refused).toMatch(/^refused: 签到未成功/);
    expect(refused).toMatch(/约 1\d{3} 米/);
    const attempts = await sql(`select reason, distance_m from event_attempts where event_id = $1`, [event.id]);
    expect(attempts.some((a) => a.reason === 'outside_geofence' && a.distance_m > 1000)).toBe(true);
  });
});
