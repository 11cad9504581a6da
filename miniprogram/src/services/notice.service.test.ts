import { describe, expect, it } from 'vitest';
import { parseSendResult, parseStats } from './notice.service';

describe('notice service parsers', () => {
  it('reads send_notice’s answer', () => {
    expect(parseSendResult('n1', { ok: true, recipients: 2, errors: [], status: 'sent' })).toEqual({ ok: true, noticeId: 'n1', recipients: 2, errors: [] });
    expect(parseSendResult('n1', { ok: false, recipients: 0, errors: [{ code: 'empty_audience', message: '没有可发送的成员：请检查接收范围' }] }).errors).toEqual([
      { code: 'empty_audience', message: '没有可发送的成员：请检查接收范围' },
    ]);
    expect(() => parseSendResult('n1', {})).toThrow();
  });

  it('reads notice_stats’ answer', () => {
    expect(
      parseStats({
        total: 2,
        read: 1,
        confirmed: 0,
        responses: 0,
        by_department: [{ department_id: 'd', name: '前端组', total: 2, read: 1 }],
        by_channel: [],
      }),
    ).toEqual({ total: 2, read: 1, confirmed: 0, responses: 0, byDepartment: [{ departmentId: 'd', name: '前端组', total: 2, read: 1 }] });
    expect(() => parseStats(null)).toThrow();
  });
});
