import { describe, expect, it } from 'vitest';
import { addSeatsChargeFen, proratedRefund, renewalTerm, termDays, termPriceFen } from './billing.ts';
import { SLA_MINUTES, minutesLeft, slaDue } from './sla.ts';

const year = { seats: 200, pricePerSeatFen: 3000, startsOn: '2026-01-01', endsOn: '2027-01-01' };

describe('billing', () => {
  it('prices a term per seat in fen', () => {
    expect(termDays(year)).toBe(365);
    expect(termPriceFen(year)).toBe(600_000);
  });

  it('refunds the unused days, rounding down, and everything before the start', () => {
    expect(proratedRefund(year, '2025-12-20')).toMatchObject({ usedDays: 0, remainingDays: 365, refundFen: 600_000 });
    // Cancelled on 2026-07-01: Jan-Jun (181 days) plus that day are used.
    const mid = proratedRefund(year, '2026-07-01');
    expect(mid).toMatchObject({ usedDays: 182, remainingDays: 183 });
    expect(mid.refundFen).toBe(Math.floor((600_000 * 183) / 365)); // 300821.9... -> 300821
    expect(mid.refundFen).toBe(300_821);
    expect(proratedRefund(year, '2026-12-31')).toMatchObject({ remainingDays: 0, refundFen: 0 });
    expect(proratedRefund(year, '2027-03-01').refundFen).toBe(0);
    // A leap year term.
    expect(proratedRefund({ ...year, startsOn: '2028-01-01', endsOn: '2029-01-01', seats: 1 }, '2028-01-01'))
      .toMatchObject({ termDays: 366, remainingDays: 365, refundFen: Math.floor((3000 * 365) / 366) });
  });

  it('charges added seats for the rest of the term, rounding up', () => {
    expect(addSeatsChargeFen(year, 10, '2026-07-02')).toBe(Math.ceil((10 * 3000 * 183) / 365));
    expect(addSeatsChargeFen(year, 1, '2026-01-01')).toBe(3000);
    expect(addSeatsChargeFen(year, 1, '2027-01-01')).toBe(0);
  });

  it('renews for whole years from the end of the term', () => {
    expect(renewalTerm(year)).toEqual({ ...year, startsOn: '2027-01-01', endsOn: '2028-01-01' });
    expect(renewalTerm(year, { years: 2, seats: 250 })).toMatchObject({ seats: 250, endsOn: '2029-01-01' });
  });

  it('rejects fractional, negative and impossible input', () => {
    expect(() => termPriceFen({ ...year, seats: 1.5 })).toThrow(/seats/);
    expect(() => termPriceFen({ ...year, pricePerSeatFen: 29.9 })).toThrow();
    expect(() => termPriceFen({ ...year, pricePerSeatFen: -1 })).toThrow(/negative/);
    expect(() => termPriceFen({ ...year, endsOn: '2025-12-31' })).toThrow(/end after/);
    expect(() => proratedRefund(year, '2026-02-30')).toThrow(/not a date/);
    expect(() => addSeatsChargeFen(year, 0, '2026-05-01')).toThrow(/extra seats/);
  });
});

describe('SLA', () => {
  it('gives the response and resolution limits of each class', () => {
    const opened = new Date('2026-11-25T08:00:00Z');
    expect(slaDue('svip_urgent', opened)).toEqual({ respondBy: new Date('2026-11-25T08:10:00Z'), resolveBy: new Date('2026-11-25T16:00:00Z') });
    expect(slaDue('normal', opened).resolveBy).toEqual(new Date('2026-11-28T08:00:00Z'));
    expect(SLA_MINUTES.very_urgent).toMatchObject({ respond: 30, resolve: 720 });
    expect(SLA_MINUTES.urgent).toMatchObject({ respond: 60, resolve: 1440 });
    expect(minutesLeft(new Date('2026-11-25T08:10:00Z'), new Date('2026-11-25T08:15:30Z'))).toBe(-6);
  });
});
