import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import {
  cancelScheduledNotice,
  createNoticeDraft,
  getNotice,
  getNoticeStats,
  listFormResponses,
  listNoticeComments,
  listNotices,
  listUnreadRecipients,
  repushUnread,
  sendNotice,
  updateNoticeDraft,
  type NoticeDraft,
} from './notices.service.ts';
import { saveSession } from './session.service.ts';
import { initBackend } from './supabase-client.ts';

let fetchMock: ReturnType<typeof fakeFetch>;
const use = (handler: FakeHandler) => {
  fetchMock = fakeFetch(handler);
  vi.stubGlobal('fetch', fetchMock);
};

beforeEach(() => {
  initBackend({ supabaseUrl: 'http://gw.test', anonKey: 'anon-key', localMode: true });
  saveSession(adminSession());
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const RAW = {
  id: 'n1',
  org_id: ORG_ID,
  template: 'plain',
  title: '通知',
  body: '',
  form_definition: null,
  import_columns: null,
  audience: { department_ids: ['fe'] },
  channels: ['app'],
  status: 'sent',
  scheduled_at: null,
  sent_at: '2026-11-25T08:00:00Z',
  recipient_count: 5,
  created_at: '2026-11-25T07:00:00Z',
};
const DRAFT: NoticeDraft = {
  template: 'plain',
  title: '通知',
  body: '',
  form_definition: null,
  import_columns: null,
  audience: { department_ids: ['fe'], tag_ids: [], member_ids: [] },
  channels: ['wecom', 'app'],
  scheduled_at: null,
};

describe('notices service', () => {
  it('lists notices with the read count and a complete audience', async () => {
    use(() => jsonResponse([{ ...RAW, read: [{ count: 2 }] }]));
    const [row] = await listNotices(ORG_ID);
    expect(row).toMatchObject({ id: 'n1', read_count: 2, audience: { department_ids: ['fe'], tag_ids: [], member_ids: [] } });
    const call = callsTo(fetchMock, '/rest/v1/notices')[0]!;
    expect(call.url.searchParams.get('org_id')).toBe(`eq.${ORG_ID}`);
    expect(call.url.searchParams.get('read.read_at')).toBe('not.is.null');
  });

  it('reads one notice, or undefined when it is not visible', async () => {
    use(() => jsonResponse([{ ...RAW, read: [{ count: 1 }] }]));
    expect(await getNotice(ORG_ID, 'n1')).toMatchObject({ id: 'n1', read_count: 1 });
    expect(callsTo(fetchMock, '/rest/v1/notices')[0]!.url.searchParams.get('id')).toBe('eq.n1');
    use(() => jsonResponse([]));
    expect(await getNotice(ORG_ID, 'n-other')).toBeUndefined();
  });

  it('inserts a draft as the admin’s own member and updates only drafts', async () => {
    use(() => jsonResponse([{ ...RAW, status: 'draft' }], 201));
    await createNoticeDraft(ORG_ID, { memberId: 'm-me', scopeDepartmentId: 'rd' }, DRAFT);
    expect(callsTo(fetchMock, '/rest/v1/notices')[0]!.body).toEqual({
      org_id: ORG_ID,
      status: 'draft',
      sender_member_id: 'm-me',
      sender_scope_department_id: 'rd',
      ...DRAFT,
    });
    use(() => jsonResponse([]));
    await expect(updateNoticeDraft(ORG_ID, 'n1', DRAFT)).rejects.toMatchObject({ kind: 'forbidden' });
    expect(callsTo(fetchMock, '/rest/v1/notices')[0]!.url.searchParams.get('status')).toBe('eq.draft');
  });

  it('sends (dry run) through send_notice and keeps every error', async () => {
    use(() => jsonResponse({ ok: false, recipients: 3, errors: [{ code: 'out_of_scope', message: '部门「行政部」不在你的发送范围内', department_id: 'adm' }] }));
    const result = await sendNotice('n1', { dryRun: true });
    expect(result).toMatchObject({ ok: false, recipients: 3, errors: [{ code: 'out_of_scope', message: '部门「行政部」不在你的发送范围内' }] });
    expect(callsTo(fetchMock, '/rest/v1/rpc/send_notice')[0]!.body).toEqual({ p_notice: 'n1', p_personal_rows: null, p_dry_run: true });
  });

  it('reads stats, re-pushes and lists unread recipients and responses with names', async () => {
    use(() => jsonResponse({ total: 4, read: 1, confirmed: 0, responses: 0, by_department: [{ department_id: 'fe', name: '前端组', total: 4, read: 1 }], by_channel: null }));
    expect(await getNoticeStats('n1')).toMatchObject({ total: 4, by_channel: null });
    use(() => jsonResponse(3));
    expect(await repushUnread('n1')).toBe(3);
    use((request) =>
      request.url.pathname.endsWith('/notice_recipients')
        ? jsonResponse([{ member_id: 'm1', department_id: 'fe' }])
        : request.url.pathname.endsWith('/notice_form_responses')
          ? jsonResponse([{ member_id: 'm1', answers: { a: 1 }, submitted_at: 'x' }])
          : jsonResponse([{ id: 'm1', name: '张三', employee_no: 'E001' }]),
    );
    expect(await listUnreadRecipients(ORG_ID, 'n1')).toEqual([{ member_id: 'm1', department_id: 'fe', name: '张三', employee_no: 'E001' }]);
    expect(callsTo(fetchMock, '/rest/v1/notice_recipients')[0]!.url.searchParams.get('read_at')).toBe('is.null');
    const members = callsTo(fetchMock, '/rest/v1/members')[0]!;
    expect(members.url.searchParams.get('org_id')).toBe(`eq.${ORG_ID}`);
    expect(members.url.searchParams.get('id')).toBe('in.(m1)');
    expect(await listFormResponses(ORG_ID, 'n1')).toEqual([{ member_id: 'm1', answers: { a: 1 }, submitted_at: 'x', name: '张三', employee_no: 'E001' }]);
  });
});

describe('notices service: cancelling and comments', () => {
  it('cancels a scheduled notice with a PATCH limited to scheduled rows', async () => {
    use(() => jsonResponse([{ id: 'n1' }]));
    await cancelScheduledNotice(ORG_ID, 'n1');
    const call = callsTo(fetchMock, '/rest/v1/notices')[0]!;
    expect(call.method).toBe('PATCH');
    expect(call.body).toEqual({ status: 'cancelled' });
    expect(call.url.searchParams.get('id')).toBe('eq.n1');
    expect(call.url.searchParams.get('status')).toBe('eq.scheduled');
  });

  it('refuses when nothing was cancelled (already sent, or not this admin’s)', async () => {
    use(() => jsonResponse([]));
    await expect(cancelScheduledNotice(ORG_ID, 'n1')).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('lists the comments of a reply notice with member names from a second query', async () => {
    use((request) =>
      request.url.pathname.endsWith('/members')
        ? jsonResponse([{ id: 'm1', name: '王芳', employee_no: 'E007' }])
        : jsonResponse([
            { id: 'c1', member_id: 'm1', body: '收到', created_at: '2026-11-25T08:00:00Z' },
            { id: 'c2', member_id: 'm1', body: '已处理', created_at: '2026-11-25T09:00:00Z' },
          ]),
    );
    const rows = await listNoticeComments(ORG_ID, 'n1');
    expect(rows.map((r) => [r.name, r.employee_no, r.body])).toEqual([
      ['王芳', 'E007', '收到'],
      ['王芳', 'E007', '已处理'],
    ]);
    const comments = callsTo(fetchMock, '/rest/v1/notice_comments')[0]!.url.searchParams;
    expect(comments.get('notice_id')).toBe('eq.n1');
    expect(comments.get('select')).toBe('id,member_id,body,created_at');
    expect(callsTo(fetchMock, '/rest/v1/members')[0]!.url.searchParams.get('id')).toBe('in.(m1)');
  });
});
