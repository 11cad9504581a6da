// Notices end to end: 张伟 (super admin) sends a receipt notice to 王芳 through
// the API (draft insert + send_notice, as the admin console does); 王芳 opens
// the H5 app, sees it unread in 通知, opens it (read), taps 确认收到; the
// statistics then show read 1 and confirmed 1. Then 王芳, made head of 前端组,
// sends a plain notice to her department from 发通知 and sees it in her stats.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { appUrl, launch, newPage } from './setup/browser.ts';

let browser: Browser;
let close: () => Promise<void>;
beforeAll(async () => ({ browser, close } = await launch()));
afterAll(async () => close?.());

interface Persona {
  token: string;
  memberId: string;
  orgId: string;
  departmentId: string | null;
}

async function api(path: string, init: { method?: string; token: string; body?: unknown; prefer?: string }): Promise<unknown> {
  const { apiUrl, anonKey } = inject('e2e');
  const res = await fetch(`${apiUrl}${path}`, {
    method: init.method ?? 'POST',
    headers: {
      apikey: anonKey,
      Authorization: `Bearer ${init.token}`,
      'content-type': 'application/json',
      ...(init.prefer ? { Prefer: init.prefer } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function persona(key: string): Promise<Persona> {
  const body = (await api('/functions/v1/auth-dev', { token: inject('e2e').anonKey, body: { persona: key } })) as {
    access_token: string;
    member: { id: string; org_id: string; department_id: string | null };
  };
  return { token: body.access_token, memberId: body.member.id, orgId: body.member.org_id, departmentId: body.member.department_id };
}

async function signInAs(page: Page, name: string) {
  await page.goto(appUrl('/h5/'));
  await page.getByText(name).first().click();
  await page.locator('.home__notices').waitFor({ timeout: 20_000 });
}

describe('notices (H5)', () => {
  it('a receipt notice: unread in the list, read on open, 确认收到, counted in the statistics', async () => {
    const admin = await persona('super-admin-a');
    const wang = await persona('member-a');
    const title = `回执测试 ${Date.now()}`;
    const [draft] = (await api('/rest/v1/notices?select=id', {
      token: admin.token,
      prefer: 'return=representation',
      body: {
        org_id: admin.orgId,
        template: 'receipt',
        title,
        body: '请于周五前确认\n谢谢',
        sender_member_id: admin.memberId,
        audience: { member_ids: [wang.memberId] },
      },
    })) as Array<{ id: string }>;
    const sent = (await api('/rest/v1/rpc/send_notice', { token: admin.token, body: { p_notice: draft!.id } })) as { ok: boolean; recipients: number };
    expect(sent).toMatchObject({ ok: true, recipients: 1 });

    const page = await newPage(browser, 'phone');
    await signInAs(page, '王芳');
    await expect.poll(() => page.locator('.home__notices').textContent(), { timeout: 15_000 }).toMatch(/未读/);
    await page.locator('.home__notices').click();
    const item = page.locator(`.notices__item[data-notice="${draft!.id}"]`);
    await item.waitFor({ timeout: 15_000 });
    expect(await item.textContent()).toContain('回执');
    expect(await item.textContent()).toContain('未读');

    await item.click();
    await page.locator('.notice__title').waitFor({ timeout: 15_000 });
    expect(await page.locator('.notice__title').textContent()).toBe(title);
    expect(await page.locator('.notice__body').textContent()).toContain('请于周五前确认');
    await page.locator('.notice__confirm').click();
    await page.locator('.notice__confirmed').waitFor({ timeout: 15_000 });
    expect(await page.locator('.notice__confirmed').textContent()).toContain('已确认收到');
    await page.screenshot({ path: '/tmp/yima-e2e-notice-confirmed.png' });

    const stats = (await api('/rest/v1/rpc/notice_stats', { token: admin.token, body: { p_notice: draft!.id } })) as {
      total: number;
      read: number;
      confirmed: number;
    };
    expect(stats).toMatchObject({ total: 1, read: 1, confirmed: 1 });

    // Back in the list the badge is gone (the list reloads when it shows again).
    await page.goBack();
    await expect.poll(() => item.textContent(), { timeout: 15_000 }).not.toContain('未读');
  });

  it('a department head sends a plain notice to the department and sees it in the statistics', async () => {
    const wang = await persona('member-a');
    const db = new pg.Client({ connectionString: inject('e2e').adminDbUrl });
    await db.connect();
    try {
      await db.query('insert into public.department_heads (org_id, department_id, member_id) values ($1, $2, $3) on conflict do nothing', [
        wang.orgId,
        wang.departmentId,
        wang.memberId,
      ]);
    } finally {
      await db.end();
    }
    const page = await newPage(browser, 'phone');
    await signInAs(page, '王芳');
    await page.locator('.home__notices').click();
    await page.locator('.notices__compose').click();
    await page.locator('.form-field--title input').waitFor({ timeout: 15_000 });
    const title = `组内通知 ${Date.now()}`;
    await page.locator('.form-field--title input').fill(title);
    await page.locator('.compose__textarea textarea').fill('周五下午三点开会');
    await page.locator('.compose__send').click();
    await page.locator('.compose__result--ok').waitFor({ timeout: 15_000 });
    expect(await page.locator('.compose__result--ok').textContent()).toMatch(/已发送给 \d+ 人/);

    await page.locator('.compose__link').click();
    const row = page.locator('.stats__notice', { hasText: title });
    await row.waitFor({ timeout: 15_000 });
    await row.locator('.stats__head').click();
    await row.locator('.stats__summary').waitFor({ timeout: 15_000 });
    expect(await row.locator('.stats__summary').textContent()).toMatch(/共 \d+ 人，已读 \d+ 人/);
    expect(await row.locator('.stats__row').first().textContent()).toContain('前端组');
  });

  it('a notice link opened signed out shows the notice after the login', async () => {
    const admin = await persona('super-admin-a');
    const wang = await persona('member-a');
    const title = `链接测试 ${Date.now()}`;
    const [draft] = (await api('/rest/v1/notices?select=id', {
      token: admin.token,
      prefer: 'return=representation',
      body: { org_id: admin.orgId, template: 'plain', title, body: '正文', sender_member_id: admin.memberId, audience: { member_ids: [wang.memberId] } },
    })) as Array<{ id: string }>;
    expect(await api('/rest/v1/rpc/send_notice', { token: admin.token, body: { p_notice: draft!.id } })).toMatchObject({ ok: true });

    const page = await newPage(browser, 'phone');
    await page.goto(appUrl(`/h5/#/pages/notice/index?id=${draft!.id}`));
    await page.getByText('王芳').first().click();
    await page.locator('.notice__title').waitFor({ timeout: 20_000 });
    expect(await page.locator('.notice__title').textContent()).toBe(title);
  });
});
