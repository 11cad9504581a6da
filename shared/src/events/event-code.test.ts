import { describe, expect, it } from 'vitest';
import { distanceMeters, eventStep, makeEventCode, parseEventCode, verifyEventCode } from './event-code.ts';

const SECRET = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const EVENT = '5f0c2f7e-8a55-4c3c-9a0e-0d5b7c7c1a01';

describe('projected event codes', () => {
  it('round-trips and is accepted in its step and the next only', () => {
    const step = eventStep(1_800_000_000, 20);
    const code = makeEventCode(SECRET, EVENT, 'in', step);
    expect(code).toMatch(/^YMEV1\.5f0c2f7e-8a55-4c3c-9a0e-0d5b7c7c1a01\.in\.90000000\.[A-Za-z0-9_-]{43}$/);
    const parsed = parseEventCode(code)!;
    expect(parsed).toMatchObject({ eventId: EVENT, action: 'in', step });
    expect(verifyEventCode(parsed, SECRET, 1_800_000_000, 20)).toEqual({ ok: true });
    expect(verifyEventCode(parsed, SECRET, 1_800_000_020, 20)).toEqual({ ok: true });
    expect(verifyEventCode(parsed, SECRET, 1_800_000_040, 20)).toEqual({ ok: false, reason: 'code_expired' });
    expect(verifyEventCode(parsed, SECRET, 1_799_999_980, 20)).toEqual({ ok: false, reason: 'code_expired' });
  });

  it('refuses another secret, another action or a changed step', () => {
    const code = makeEventCode(SECRET, EVENT, 'in', 5);
    expect(verifyEventCode(parseEventCode(code)!, SECRET.replace('00', 'ff'), 100, 20)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyEventCode(parseEventCode(code.replace('.in.', '.out.'))!, SECRET, 100, 20)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyEventCode(parseEventCode(code.replace('.5.', '.6.'))!, SECRET, 120, 20)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('does not parse other texts', () => {
    for (const text of ['', 'YM1:abc', 'YMEV1.x.in.1.abc', `YMEV1.${EVENT}.up.1.${'A'.repeat(43)}`, `YMEV1.${EVENT}.in.1.short`]) {
      expect(parseEventCode(text)).toBeNull();
    }
  });
});

describe('distanceMeters', () => {
  it('matches known distances', () => {
    const tiananmen = { latitude: 39.9087, longitude: 116.3975 };
    expect(distanceMeters(tiananmen, tiananmen)).toBe(0);
    // About 111.2 km per degree of latitude.
    expect(distanceMeters({ latitude: 0, longitude: 0 }, { latitude: 1, longitude: 0 })).toBeCloseTo(111_195, -1);
    // Beijing to Shanghai is about 1,067 km.
    expect(distanceMeters(tiananmen, { latitude: 31.2304, longitude: 121.4737 }) / 1000).toBeCloseTo(1067, -1);
  });
});
