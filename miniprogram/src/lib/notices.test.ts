import { describe, expect, it } from 'vitest';
import { AppError } from '../services/errors';
import {
  bodyParagraphs,
  commentProblem,
  noticeErrorMessage,
  personalRowEntries,
  sortNewestFirst,
  statusLabel,
  templateLabel,
  unreadCount,
  validateCompose,
} from './notices';

describe('notice labels', () => {
  it('names every template and status in zh-CN, and passes unknown ones through', () => {
    expect(['plain', 'receipt', 'reply', 'form', 'import'].map(templateLabel)).toEqual(['通知', '回执', '讨论', '表单', '个人信息']);
    expect(templateLabel('survey')).toBe('survey');
    expect(statusLabel('sent')).toBe('已发送');
    expect(statusLabel('weird')).toBe('weird');
  });
});

describe('ordering and unread', () => {
  const notices = [
    { id: 'a', sentAt: '2026-11-20T08:00:00Z', readAt: 'x' },
    { id: 'b', sentAt: '2026-11-25T08:00:00Z', readAt: null },
    { id: 'c', sentAt: null, readAt: null },
    { id: 'd', sentAt: '2026-11-22T08:00:00Z', readAt: null },
  ];
  it('puts the newest first and the undated last', () => {
    expect(sortNewestFirst(notices).map((n) => n.id)).toEqual(['b', 'd', 'a', 'c']);
  });
  it('counts the unread', () => {
    expect(unreadCount(notices)).toBe(3);
    expect(unreadCount([])).toBe(0);
  });
});

describe('body and personal row', () => {
  it('splits the body on any newline', () => {
    expect(bodyParagraphs('一\r\n二\n\n三')).toEqual(['一', '二', '', '三']);
  });
  it('lists my row in the notice’s column order, extra keys after, values as text', () => {
    expect(personalRowEntries(['姓名', '实发', '缺列'], { 实发: 8200.5, 备注: { a: 1 }, 姓名: '王芳', 空: null })).toEqual([
      ['姓名', '王芳'],
      ['实发', '8200.5'],
      ['备注', '{"a":1}'],
      ['空', ''],
    ]);
    expect(personalRowEntries(['a'], null)).toEqual([]);
  });
});

describe('compose and comment checks', () => {
  it('requires a title of at most 100 characters and a body', () => {
    expect(validateCompose({ title: '  ', body: '' })).toEqual({ title: '请填写标题', body: '请填写正文' });
    expect(validateCompose({ title: 'x'.repeat(101), body: 'b' }).title).toBe('标题最多 100 字');
    expect(validateCompose({ title: 'x'.repeat(100), body: 'b' })).toEqual({});
  });
  it('refuses an empty or too long comment', () => {
    expect(commentProblem('  ')).toBe('请先写下回复内容');
    expect(commentProblem('x'.repeat(1001))).toBe('回复最多 1000 字');
    expect(commentProblem('收到')).toBeNull();
  });
});

describe('noticeErrorMessage', () => {
  it('explains the notice RPC codes and falls back to the generic sentence', () => {
    const make = (code: string, message = '提交的数据不符合要求') => new AppError({ kind: 'invalid', code, message });
    expect(noticeErrorMessage(make('YM303'))).toBe('这条通知不是发给你的');
    expect(noticeErrorMessage(make('YM304'))).toBe('这条通知不支持此操作');
    expect(noticeErrorMessage(make('notice_not_found'))).toBe('通知不存在或不是发给你的');
    expect(noticeErrorMessage(make('42501', '没有权限执行此操作'))).toBe('没有权限执行此操作');
  });
});
