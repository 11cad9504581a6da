import { beforeEach, describe, expect, it, vi } from 'vitest';

const insert = vi.fn();
const maybeSingle = vi.fn();
vi.mock('./supabase.client', () => ({
  getSupabase: async () => ({
    from: (table: string) => ({
      insert: (row: unknown) => insert(table, row),
      select: () => ({ eq: () => ({ maybeSingle }) }),
    }),
  }),
}));

const { codeService } = await import('./code.service');

describe('screenshot defence settings and reports', () => {
  beforeEach(() => { insert.mockReset(); maybeSingle.mockReset(); });

  it('reads the org settings and defaults both to on when the org has none', async () => {
    maybeSingle.mockResolvedValueOnce({ data: { screenshot_report: false, hide_on_capture: true }, error: null, status: 200 });
    expect(await codeService.captureSettings('org-1')).toEqual({ screenshotReport: false, hideOnCapture: true });
    maybeSingle.mockResolvedValueOnce({ data: null, error: null, status: 200 });
    expect(await codeService.captureSettings('org-1')).toEqual({ screenshotReport: true, hideOnCapture: true });
  });

  it('reports a screenshot as a risk event and throws the server refusal', async () => {
    insert.mockResolvedValueOnce({ error: null, status: 201 });
    await codeService.reportScreenshot({ orgId: 'org-1', memberId: 'm-1', credentialId: 'c-1' });
    expect(insert).toHaveBeenCalledWith('risk_events', { org_id: 'org-1', member_id: 'm-1', kind: 'screenshot', credential_id: 'c-1', detail: { page: 'card' } });
    insert.mockResolvedValueOnce({ error: { code: '42501', message: 'new row violates row-level security policy', details: null, hint: null }, status: 403 });
    await expect(codeService.reportScreenshot({ orgId: 'org-1', memberId: 'm-1', credentialId: null })).rejects.toBeTruthy();
  });
});
