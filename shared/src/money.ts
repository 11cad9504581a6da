/**
 * Money as integer fen (1 yuan = 100 fen), never floats. A branded number:
 * every value that flows in from outside goes through `fen()` or
 * `yuanToFen()`, which reject anything that is not an exact safe integer.
 *
 * Why number and not bigint here: the largest safe integer is 9e15 fen
 * (90 trillion yuan), far beyond any wallet, and numbers survive JSON,
 * zod and React untouched. The database keeps bigint; convert at the edge.
 */

declare const fenBrand: unique symbol;
export type Fen = number & { readonly [fenBrand]: 'Fen' };

export class MoneyError extends RangeError {
  override readonly name = 'MoneyError';
}

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Brand an integer amount of fen. Throws on NaN, fractions, ±Infinity, unsafe integers. */
export function fen(value: number): Fen {
  if (!isFen(value)) throw new MoneyError(`not a safe integer amount of fen: ${value}`);
  return (Object.is(value, -0) ? 0 : value) as Fen;
}

export const ZERO_FEN = fen(0);

const YUAN_RE = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/**
 * Parse a decimal yuan string exactly: '12.34' -> 1234, '-0.5' -> -50,
 * '7' -> 700. At most two decimals (rounding must be explicit, not hidden
 * in a parser); no exponent, thousands separators, '+' or whitespace.
 */
export function yuanToFen(text: string): Fen {
  const m = YUAN_RE.exec(text);
  if (!m) throw new MoneyError(`not a yuan amount: ${JSON.stringify(text)}`);
  const [, minus, whole = '', decimals = ''] = m;
  const digits = (whole + decimals.padEnd(2, '0')).replace(/^0+(?=\d)/, '');
  // Compare as digit strings before converting, so nothing is ever rounded.
  const max = String(Number.MAX_SAFE_INTEGER);
  if (digits.length > max.length || (digits.length === max.length && digits > max)) {
    throw new MoneyError(`amount too large: ${text}`);
  }
  return fen(minus ? -Number(digits) : Number(digits));
}

/** Plain decimal yuan, two places: 1234 -> '12.34', -5 -> '-0.05'. */
export function fenToYuanString(amount: Fen): string {
  const value = fen(amount);
  const abs = Math.abs(value);
  const whole = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${value < 0 ? '-' : ''}${whole}.${String(cents).padStart(2, '0')}`;
}

/** Display form: 1234 -> '¥12.34', -1234 -> '-¥12.34'. */
export function formatFen(amount: Fen): string {
  const s = fenToYuanString(amount);
  return s.startsWith('-') ? `-¥${s.slice(1)}` : `¥${s}`;
}

/** Sum; throws if the result leaves the safe-integer range. */
export function addFen(...amounts: Fen[]): Fen {
  let total = 0;
  for (const a of amounts) {
    total += fen(a);
    if (!Number.isSafeInteger(total)) throw new MoneyError('sum overflows the safe integer range');
  }
  return fen(total);
}

export function subFen(a: Fen, b: Fen): Fen {
  const result = fen(a) - fen(b);
  if (!Number.isSafeInteger(result)) throw new MoneyError('difference overflows the safe integer range');
  return fen(result);
}

export function compareFen(a: Fen, b: Fen): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}
