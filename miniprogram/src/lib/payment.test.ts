import { describe, expect, it } from 'vitest';
import { formatTxAmount, isRequestId, parseStallCode, parseYuanAmount, requestIdFrom, showFen, stallCodePayload, txKindLabel } from './payment';
import { paymentErrorMessage, refusalMessage } from './payment-messages';
import { AppError } from '../services/errors';

const STALL = 'f2000000-0000-4000-8000-000000000001';

describe('stall collection codes', () => {
  it('round-trips yima:stall:<uuid> and accepts a bare id', () => {
    expect(stallCodePayload(STALL)).toBe(`yima:stall:${STALL}`);
    expect(parseStallCode(` yima:stall:${STALL.toUpperCase()} `)).toBe(STALL);
    expect(parseStallCode(STALL)).toBe(STALL);
  });

  it('refuses anything else', () => {
    expect(parseStallCode('YM1:AAAA')).toBeNull();
    expect(parseStallCode('yima:stall:not-a-uuid')).toBeNull();
    expect(parseStallCode('')).toBeNull();
  });
});

describe('amounts in yuan', () => {
  it('become integer fen exactly', () => {
    expect(parseYuanAmount('12')).toEqual({ ok: true, fen: 1200 });
    expect(parseYuanAmount('0.1')).toEqual({ ok: true, fen: 10 });
    expect(parseYuanAmount(' 19.99 ')).toEqual({ ok: true, fen: 1999 });
  });

  it('refuse empty, zero, negative, three decimals and too much', () => {
    expect(parseYuanAmount('')).toEqual({ ok: false, message: '请输入金额' });
    expect(parseYuanAmount('0')).toEqual({ ok: false, message: '金额必须大于 0' });
    expect(parseYuanAmount('-5')).toEqual({ ok: false, message: '金额必须大于 0' });
    expect(parseYuanAmount('1.234')).toEqual({ ok: false, message: '金额格式不正确（最多两位小数）' });
    expect(parseYuanAmount('1e3').ok).toBe(false);
    expect(parseYuanAmount('1000000.01')).toEqual({ ok: false, message: '金额不能超过 1000000.00 元' });
  });
});

describe('ledger rows', () => {
  it('have zh-CN kind labels', () => {
    expect(['payment', 'offline_payment', 'refund', 'topup', 'subsidy_grant', 'subsidy_expiry'].map(txKindLabel)).toEqual([
      '消费', '离线消费', '退款', '充值', '补贴发放', '补贴清零',
    ]);
  });

  it('show signed amounts, tickets for count rows', () => {
    expect(formatTxAmount({ kind: 'payment', amountFen: 1500, count: 0 })).toBe('-¥15.00');
    expect(formatTxAmount({ kind: 'topup', amountFen: 10000, count: 0 })).toBe('+¥100.00');
    expect(formatTxAmount({ kind: 'subsidy_grant', amountFen: 0, count: 20 })).toBe('+20 张');
    expect(formatTxAmount({ kind: 'payment', amountFen: 0, count: 1 })).toBe('-1 张');
    expect(showFen(undefined)).toBe('¥0.00');
  });
});

describe('request ids', () => {
  it('fit the pay contract', () => {
    const id = requestIdFrom(new Uint8Array(16).fill(255), 1764000000000);
    expect(isRequestId(id)).toBe(true);
    expect(id.length).toBeLessThanOrEqual(64);
  });
});

describe('payment error sentences', () => {
  it('map known codes, code refusals and unknown zh-CN messages', () => {
    const fn = (code: string, message: string, status = 409) => new AppError({ kind: 'function', code, message, status });
    expect(paymentErrorMessage(fn('insufficient_balance', '余额不足，请充值 (insufficient balance: top up first)', 402))).toBe('余额不足，请先充值');
    expect(paymentErrorMessage(fn('code_revoked', '这个码不能付款 (revoked)', 403))).toBe('这个码不能付款：卡已挂失或停用');
    expect(paymentErrorMessage(fn('something_new', '新的拒绝原因 (a new reason)'))).toBe('新的拒绝原因');
    expect(paymentErrorMessage(fn('something_new', 'english only', 409))).toBe('数据已存在');
    expect(refusalMessage('closed')).toBe('该档口当前不在营业时间');
  });
});
