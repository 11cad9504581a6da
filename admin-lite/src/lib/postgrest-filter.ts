// Helpers for building PostgREST filter strings safely from user input.

/**
 * Quotes a value for use inside a PostgREST logic tree such as
 * `or=(name.ilike.<value>,...)`. Double quotes protect the reserved
 * characters `,` `.` `(` `)` `:`; `"` and `\` are backslash-escaped.
 */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * `or` filter matching members whose name or employee number contains
 * `term` (case-insensitive). Returns undefined for a blank term. `*` is the
 * PostgREST wildcard, so a `*` typed by the user is dropped instead of
 * widening the match; `%` and `_` are kept (they only ever widen a
 * contains-match, never leak rows outside RLS).
 */
export function memberSearchFilter(term: string): string | undefined {
  const cleaned = term.replace(/\*/g, '').trim();
  if (cleaned === '') return undefined;
  const pattern = quoteFilterValue(`*${cleaned}*`);
  return `name.ilike.${pattern},employee_no.ilike.${pattern}`;
}
