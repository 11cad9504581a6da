// Shared by the 场景应用 services (events, registration points, meal booking,
// resources): the audience jsonb and batched reads; the write rules live in crud.ts.
import { mapPostgrestError, type PostgrestErrorLike } from './errors.ts';

/** Empty or absent lists mean everyone in the org; `members` is kept as stored (not edited here). */
export interface ScenarioAudience {
  departments?: string[];
  tags?: string[];
  identities?: string[];
  members?: string[];
}

export { deleted, forbidden, single } from './crud.ts';

/** The gateway answers at most 1000 rows a request: reads in batches up to `max`; `truncated` when there were more. */
export async function allRows<T>(
  page: (from: number, to: number) => PromiseLike<{ data: T[] | null; error: PostgrestErrorLike | null; status: number }>,
  max: number,
  batch = 1000,
): Promise<{ rows: T[]; truncated: boolean }> {
  const rows: T[] = [];
  for (;;) {
    const { data, error, status } = await page(rows.length, rows.length + batch - 1);
    if (error) throw mapPostgrestError(error, status);
    rows.push(...(data ?? []));
    if (!data || data.length < batch) return { rows, truncated: false };
    if (rows.length > max) return { rows: rows.slice(0, max), truncated: true };
  }
}
