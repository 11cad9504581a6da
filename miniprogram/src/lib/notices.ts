// Pure rules of the notice pages: labels, ordering, unread counts, the import
// row table, the compose and comment checks, and the zh-CN sentence for a
// notice RPC's error code. The form engine itself lives in @yima/shared/forms.
import { t, type MessageKey } from '../i18n';
import { AppError, toAppError } from '../services/errors';

export const NOTICE_TEMPLATES = ['plain', 'receipt', 'reply', 'form', 'import'] as const;
export type NoticeTemplate = (typeof NOTICE_TEMPLATES)[number];

export const NOTICE_STATUSES = ['draft', 'scheduled', 'sending', 'sent', 'cancelled'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** A notice in my list: the notice and my recipient row. */
export interface NoticeSummary {
  id: string;
  template: NoticeTemplate;
  title: string;
  sentAt: string | null;
  readAt: string | null;
  confirmedAt: string | null;
}

export function templateLabel(template: string): string {
  return (NOTICE_TEMPLATES as readonly string[]).includes(template) ? t(`noticeTemplate.${template as NoticeTemplate}`) : template;
}

export function statusLabel(status: string): string {
  return (NOTICE_STATUSES as readonly string[]).includes(status) ? t(`stats.status.${status as NoticeStatus}` as MessageKey) : status;
}

const time = (value: string | null) => (value ? Date.parse(value) || 0 : 0);

/** Newest first (by sent time); ties keep a stable order by id. */
export function sortNewestFirst<T extends { sentAt: string | null; id: string }>(notices: readonly T[]): T[] {
  return [...notices].sort((a, b) => time(b.sentAt) - time(a.sentAt) || a.id.localeCompare(b.id));
}

export function unreadCount(notices: readonly Pick<NoticeSummary, 'readAt'>[]): number {
  return notices.filter((n) => !n.readAt).length;
}

/** The body's lines (plain text with newlines), so each renders as its own paragraph. */
export function bodyParagraphs(body: string): string[] {
  return body.replace(/\r\n?/g, '\n').split('\n');
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * My import row as [column, value] pairs: the notice's columns in their order
 * first, then any key of the row the columns do not name (so nothing sent to
 * me is hidden).
 */
export function personalRowEntries(columns: readonly string[] | null, row: Record<string, unknown> | null): Array<[string, string]> {
  if (!row) return [];
  const ordered = (columns ?? []).filter((column) => column in row);
  const extra = Object.keys(row).filter((key) => !ordered.includes(key));
  return [...ordered, ...extra].map((key) => [key, cellText(row[key])]);
}

export const TITLE_MAX = 100;
export const BODY_MAX = 20000;
export const COMMENT_MAX = 1000;

export interface ComposeErrors {
  title?: string;
  body?: string;
}

/** The checks the notices table makes (title 1..100 after trimming, body ≤ 20000), in zh-CN. */
export function validateCompose(input: { title: string; body: string }): ComposeErrors {
  const errors: ComposeErrors = {};
  const title = input.title.trim();
  if (!title) errors.title = t('compose.titleRequired');
  else if (title.length > TITLE_MAX) errors.title = t('compose.titleTooLong');
  if (!input.body.trim()) errors.body = t('compose.bodyRequired');
  else if (input.body.length > BODY_MAX) errors.body = t('compose.bodyTooLong');
  return errors;
}

/** null when the comment may be posted, else the reason. */
export function commentProblem(body: string): string | null {
  const text = body.trim();
  if (!text) return t('notice.commentEmpty');
  if (text.length > COMMENT_MAX) return t('notice.commentTooLong');
  return null;
}

const NOTICE_ERROR: Record<string, MessageKey> = {
  YM301: 'noticeError.notEditable',
  YM303: 'noticeError.notRecipient',
  YM304: 'noticeError.wrongTemplate',
  notice_not_found: 'noticeError.notFound',
  not_a_form: 'noticeError.wrongTemplate',
};

/** The zh-CN sentence for a failed notice call (RPC codes first, then the generic mapping). */
export function noticeErrorMessage(error: unknown): string {
  const appError = error instanceof AppError ? error : toAppError(error);
  const key = NOTICE_ERROR[appError.code];
  return key ? t(key) : appError.message;
}
