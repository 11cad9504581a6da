// Money and rates of the 支付 pages: integer fen from the backend shown as
// ¥12.34, yuan typed by admins parsed exactly into fen (never floats), basis
// points shown and typed as percentages.
import { fen, fenToYuanString, formatFen, MoneyError, yuanToFen } from '@yima/shared';

/** ¥12.34 for an integer amount of fen (the backend's bigint arrives as a JSON number). */
export function money(amountFen: number): string {
  return formatFen(fen(amountFen));
}

/** '12.34' for the yuan input of a form. */
export function yuanText(amountFen: number): string {
  return fenToYuanString(fen(amountFen));
}

/**
 * A typed yuan amount -> integer fen: '15' -> 1500, '12.5' -> 1250. Blank or
 * malformed (3 decimals, letters, '1e3') -> undefined; leading/trailing spaces are ignored.
 */
export function parseYuan(text: string): number | undefined {
  try {
    return yuanToFen(text.trim());
  } catch (error) {
    if (error instanceof MoneyError) return undefined;
    throw error;
  }
}

/**
 * A typed percentage with at most two decimals -> basis points: '20' -> 2000,
 * '12.5' -> 1250. Percent and yuan both count hundredths, so the exact yuan
 * parser does the work (no float multiplication).
 */
export function parsePercentBp(text: string): number | undefined {
  return parseYuan(text);
}

/** 10000 -> '100', 1250 -> '12.5' (trailing zeros dropped). */
export function percentText(bp: number): string {
  return fenToYuanString(fen(bp)).replace(/\.?0+$/, '');
}

/** A typed whole number > 0 ('2' -> 2); anything else -> undefined. */
export function parseCount(text: string): number | undefined {
  const trimmed = text.trim();
  return /^[1-9]\d{0,8}$/.test(trimmed) ? Number(trimmed) : undefined;
}
