import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cancelSubscription, createSubscription, quoteCancel, subscriptionsOverview, type SubscriptionOverviewRow } from '../services/subscriptions.service.ts';
import { ORG_B_ID, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { SubscriptionsPage } from './subscriptions-page.tsx';

vi.mock('../services/subscriptions.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../services/subscriptions.service.ts')>()),
  subscriptionsOverview: vi.fn(),
  createSubscription: vi.fn(),
  renewSubscription: vi.fn(),
  quoteCancel: vi.fn(),
  cancelSubscription: vi.fn(),
}));

const TODAY = new Date('2026-07-01T04:00:00Z');
const ROWS: SubscriptionOverviewRow[] = [
  { org_id: ORG_ID, org_name: '示范科技有限公司', subscription_id: 's1', seats: 200, seats_in_use: 205, starts_on: '2026-01-01', ends_on: '2027-01-01', status: 'active', amount_fen: 600000, days_left: 20 },
  { org_id: ORG_B_ID, org_name: '友邻制造有限公司', subscription_id: null, seats: null, seats_in_use: 12, starts_on: null, ends_on: null, status: 'none', amount_fen: null, days_left: null },
];
const REFUND = { term_days: 365, used_days: 182, remaining_days: 183, paid_fen: 600000, refund_fen: 300821 };
const SUB = { id: 's1', org_id: ORG_ID, seats: 200, price_per_seat_fen: 3000, amount_fen: 600000, starts_on: '2026-01-01', ends_on: '2027-01-01', status: 'cancelled' };

beforeEach(() => {
  vi.mocked(subscriptionsOverview).mockResolvedValue(ROWS);
});

const renderPage = () => renderRoute('/ops/subscriptions', '/ops/subscriptions', <SubscriptionsPage today={TODAY} />);

describe('SubscriptionsPage', () => {
  it('shows seats in use vs bought, days left and amounts with warnings', async () => {
    renderPage();
    const row = (await screen.findByText('示范科技有限公司')).closest('tr')!;
    expect(within(row).getByText('205/200')).toBeTruthy();
    expect(within(row).getByText('超出 5 人')).toBeTruthy();
    expect(within(row).getByText('即将到期')).toBeTruthy();
    expect(within(row).getByText('¥6000.00')).toBeTruthy();
    const none = screen.getByText('友邻制造有限公司').closest('tr')!;
    expect(within(none).getByText('未订阅')).toBeTruthy();
    expect(within(none).queryByRole('button', { name: /退订/ })).toBeNull();
  });

  it('quotes the refund first, then cancels on the quoted day and shows the refund', async () => {
    vi.mocked(quoteCancel).mockResolvedValue(REFUND);
    vi.mocked(cancelSubscription).mockResolvedValue({ subscription: SUB, refund: REFUND });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: '退订 示范科技有限公司' }));
    const dialog = screen.getByRole('dialog', { name: '退订 示范科技有限公司' });
    const quote = await within(dialog).findByTestId('refund-quote');
    expect(quoteCancel).toHaveBeenCalledWith('s1', '2026-07-01');
    expect(within(quote).getByText('183')).toBeTruthy();
    expect(within(quote).getByText('¥3008.21')).toBeTruthy();
    expect(cancelSubscription).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: '确认退订' }));
    await waitFor(() => expect(cancelSubscription).toHaveBeenCalledWith('s1', '2026-07-01'));
    expect(await screen.findByText('已退订 示范科技有限公司，退款 ¥3008.21')).toBeTruthy();
    expect(subscriptionsOverview).toHaveBeenCalledTimes(2);
  });

  it('buys seats with the yuan price converted to integer fen', async () => {
    vi.mocked(createSubscription).mockResolvedValue({ ...SUB, id: 's9', org_id: ORG_B_ID, seats: 12, price_per_seat_fen: 2550, amount_fen: 30600, status: 'active' });
    renderPage();
    await screen.findByText('友邻制造有限公司');
    fireEvent.click(screen.getByRole('button', { name: '新购' }));
    const dialog = screen.getByRole('dialog', { name: '新购订阅' });
    fireEvent.click(within(dialog).getByRole('button', { name: '新购' }));
    expect(within(dialog).getByText('请输入正整数席位数')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('组织'), { target: { value: ORG_B_ID } });
    fireEvent.change(within(dialog).getByLabelText('席位数'), { target: { value: '12' } });
    fireEvent.change(within(dialog).getByLabelText('单价（元/人/年）'), { target: { value: '25.5' } });
    expect(within(dialog).getByTestId('subscription-total').textContent).toBe('合计 ¥306.00');
    fireEvent.click(within(dialog).getByRole('button', { name: '新购' }));
    await waitFor(() => expect(createSubscription).toHaveBeenCalledWith({ orgId: ORG_B_ID, seats: 12, pricePerSeatFen: 2550, startsOn: '2026-07-01', years: 1 }));
    expect(await screen.findByText('已为 友邻制造有限公司 新购 12 个席位，¥306.00')).toBeTruthy();
  });
});
