import { describe, expect, it } from 'vitest';
import type { VisitRow } from '../services/visits.service.ts';
import { visitHeader, visitSheetRows, visitsFileName } from './visit-export.ts';

const VISIT: VisitRow = {
  id: 'v1', site_id: 'st1', host_member_id: 'm1', source: 'invite', status: 'checked_out', visitor_name: '赵六', visitor_phone: '13900000001', visitor_id_card: '110***********002X',
  visitor_company: '甲公司', identity_type: '客户', purpose: '洽谈', companions: 2, window_from: '2026-11-24T01:00:00Z', window_until: '2026-11-24T05:00:00Z', answers: {},
  approval_level: 0, approvals_required: 0, checked_in_at: '2026-11-24T01:10:00Z', checked_out_at: null, reject_reason: null, created_at: '2026-11-23T01:00:00Z', purged_at: null,
  site_name: '总部园区', host_name: '王芳',
};

describe('visit export', () => {
  it('writes one row per visit with the masked ID card, and 已清除个人信息 once purged', () => {
    const header = visitHeader();
    expect(header).toHaveLength(18);
    const [row, purged] = visitSheetRows([VISIT, { ...VISIT, id: 'v2', visitor_phone: null, visitor_id_card: null, purged_at: '2026-12-01T00:00:00Z' }], 'Asia/Shanghai');
    expect(row).toEqual(['2026-11-24 09:00', '2026-11-24 13:00', '赵六', '13900000001', '110***********002X', '甲公司', '客户', '洽谈', 2, '王芳', '总部园区', '员工邀请', '已离开', '2026-11-24 09:10', '', '', '2026-11-23 09:00', 'v1']);
    expect(purged![3]).toBe('已清除个人信息');
    expect(purged![4]).toBe('已清除个人信息');
    expect(visitsFileName('2026-11-19', '2026-11-25')).toBe('访客记录_2026-11-19_2026-11-25.xlsx');
  });
});
