import { describe, expect, it } from 'vitest';
import { summarizeInvites } from './invite-summary.ts';

const NAMES: Record<string, string> = { a: '张三', b: '李四', c: '王五', d: '赵六', e: '孙七' };

describe('summarizeInvites', () => {
  it('groups skipped members by reason, in a fixed order, with names; failures by message', () => {
    const summary = summarizeInvites(
      {
        sent: 2,
        skipped: [
          { member_id: 'c', reason: 'no_phone' },
          { member_id: 'a', reason: 'already_claimed' },
          { member_id: 'd', reason: 'no_phone' },
          { member_id: 'x', reason: 'not_found_or_out_of_scope' },
        ],
        failed: [{ member_id: 'e', message: '短信服务商繁忙' }],
      },
      (id) => NAMES[id],
    );
    expect(summary).toEqual({
      sent: 2,
      skipped: [
        { label: '已领卡', names: ['张三'] },
        { label: '未登记手机号', names: ['王五', '赵六'] },
        { label: '成员不存在或不在你的管理范围内', names: ['x'] },
      ],
      failed: [{ label: '短信服务商繁忙', names: ['孙七'] }],
    });
  });
});
