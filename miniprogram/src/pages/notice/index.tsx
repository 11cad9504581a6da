import { Button, Text, Textarea, View } from '@tarojs/components';
import type { FormDefinition } from '@yima/shared/forms/index';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { NoticeForm } from '../../components/notice-form';
import { StatusView } from '../../components/status-view';
import { useNoticeError } from '../../hooks/use-notice-error';
import { t } from '../../i18n';
import { formatMoment } from '../../lib/format-time';
import { checkDraft, initialDraft, readDefinition, toFieldErrors, type DraftValue, type FieldErrors, type FormDraft } from '../../lib/notice-form';
import { bodyParagraphs, COMMENT_MAX, commentProblem, personalRowEntries, templateLabel } from '../../lib/notices';
import { pageParams, reLaunch } from '../../platform/navigation';
import { showToast } from '../../platform/ui';
import { AppError } from '../../services/errors';
import { noticeService, type MemberRef, type NoticeComment, type NoticeDetail } from '../../services/notice.service';
import { pendingNotice } from '../../stores/pending-notice.store';
import { isSignedIn, useSessionStore } from '../../stores/session.store';
import './index.scss';

/** Server field errors of a 400 invalid_answers from notice-respond. */
function serverFieldErrors(error: unknown): FieldErrors | null {
  if (!(error instanceof AppError) || error.code !== 'invalid_answers') return null;
  const fields = error.data.fields;
  if (!Array.isArray(fields)) return {};
  return toFieldErrors(
    fields
      .filter((f): f is { key: string; message: string } => typeof f?.key === 'string' && typeof f?.message === 'string')
      .map((f) => ({ key: f.key, message: f.message })),
  );
}

// One notice (`pages/notice/index?id=`; SMS, WeCom and WeChat links open it).
// Opening it marks it read. Per template: receipt → 确认收到; reply → the
// discussion and a reply box; form → the form (checked with the shared engine
// before it is sent, server field errors shown); import → my row.
export default function NoticePage() {
  const session = useSessionStore((state) => state.session);
  const signedIn = isSignedIn(session);
  const orgId = session?.member?.orgId;
  const memberId = session?.member?.id;
  const noticeId = useMemo(() => pageParams().id ?? '', []);
  const [notice, setNotice] = useState<NoticeDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [comments, setComments] = useState<NoticeComment[]>([]);
  const [reply, setReply] = useState('');
  const [replyError, setReplyError] = useState<string | null>(null);
  const [posting, setPosting] = useState(false);
  const [personalRow, setPersonalRow] = useState<Record<string, unknown> | null>(null);
  const [definition, setDefinition] = useState<FormDefinition | null>(null);
  const [draft, setDraft] = useState<FormDraft>({});
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [submitted, setSubmitted] = useState(false);

  /** Session errors sign out; anything else becomes a sentence. */
  const explain = useNoticeError();

  const load = useCallback(async () => {
    if (!orgId || !memberId) return;
    if (!noticeId) {
      setError(t('notice.missingId'));
      return;
    }
    setError(null);
    const me: MemberRef = { orgId, memberId };
    try {
      const loaded = await noticeService.get(me, noticeId);
      if (!loaded) {
        setError(t('noticeError.notFound'));
        return;
      }
      const [extraComments, row, previous] = await Promise.all([
        loaded.template === 'reply' ? noticeService.listComments(loaded.orgId, loaded.id) : Promise.resolve([]),
        loaded.template === 'import' ? noticeService.personalRow(me, loaded.id) : Promise.resolve(null),
        loaded.template === 'form' ? noticeService.myResponse(me, loaded.id) : Promise.resolve(null),
      ]);
      setComments(extraComments);
      setPersonalRow(row);
      if (loaded.template === 'form') {
        const parsed = readDefinition(loaded.formDefinition);
        setDefinition(parsed);
        if (parsed) setDraft(initialDraft(parsed, previous));
        setSubmitted(previous !== null);
      }
      setNotice(loaded);
      if (!loaded.readAt) {
        // Read on open; a failure here must not hide the notice.
        noticeService.markRead(loaded.id).then(
          (state) => setNotice((current) => (current ? { ...current, readAt: state.readAt, confirmedAt: state.confirmedAt } : current)),
          (caught) => explain(caught),
        );
      }
    } catch (caught) {
      const message = explain(caught);
      if (message) setError(message);
    }
  }, [orgId, memberId, noticeId, explain]);

  useEffect(() => {
    if (!signedIn) {
      // Opened from an SMS / WeCom / WeChat link while signed out: open it after the login.
      if (noticeId) pendingNotice.set(noticeId);
      void reLaunch('login');
      return;
    }
    if (!memberId) {
      if (noticeId) pendingNotice.set(noticeId);
      void reLaunch('claim');
      return;
    }
    void load();
  }, [signedIn, memberId, noticeId, load]);

  const confirm = async () => {
    if (!notice || confirming) return;
    setConfirming(true);
    try {
      const state = await noticeService.markRead(notice.id, true);
      setNotice({ ...notice, readAt: state.readAt, confirmedAt: state.confirmedAt });
    } catch (caught) {
      const message = explain(caught);
      if (message) showToast(message);
    } finally {
      setConfirming(false);
    }
  };

  const postReply = async () => {
    if (!notice || !orgId || !memberId || posting) return;
    const problem = commentProblem(reply);
    setReplyError(problem);
    if (problem) return;
    setPosting(true);
    try {
      const comment = await noticeService.postComment({ orgId, memberId }, notice.id, reply);
      setComments((list) => [...list, comment]);
      setReply('');
    } catch (caught) {
      const message = explain(caught);
      if (message) setReplyError(message);
    } finally {
      setPosting(false);
    }
  };

  const changeField = (key: string, value: DraftValue) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setFieldErrors((current) => {
      if (!current[key]) return current;
      const { [key]: _dropped, ...rest } = current;
      return rest;
    });
  };

  const submitForm = async () => {
    if (!notice || !definition || submitting) return;
    const checked = checkDraft(definition, draft);
    setFieldErrors(checked.errors);
    if (Object.keys(checked.errors).length) {
      showToast(t('notice.formFixErrors'));
      return;
    }
    setSubmitting(true);
    try {
      await noticeService.respond(notice.id, checked.answers);
      setSubmitted(true);
      showToast(t('notice.formSaved'));
    } catch (caught) {
      const fields = serverFieldErrors(caught);
      if (fields) {
        setFieldErrors(fields);
        showToast(Object.keys(fields).length ? t('notice.formFixErrors') : (caught as AppError).message);
      } else {
        const message = explain(caught);
        if (message) showToast(message);
      }
    } finally {
      setSubmitting(false);
    }
  };

  if (!signedIn || !memberId) return <StatusView loading />;
  if (!notice) return <StatusView loading={!error} error={error} onRetry={noticeId ? () => void load() : undefined} />;

  const rows = notice.template === 'import' ? personalRowEntries(notice.importColumns, personalRow) : [];

  return (
    <View className="notice" data-notice={notice.id}>
      <Text className={`notice__template notice__template--${notice.template}`}>{templateLabel(notice.template)}</Text>
      <Text className="notice__title">{notice.title}</Text>
      {notice.sentAt && <Text className="notice__time">{t('notice.sentAt', { time: formatMoment(notice.sentAt) ?? notice.sentAt })}</Text>}
      <View className="notice__body">
        {bodyParagraphs(notice.body).map((line, index) => (
          <Text key={index} className="notice__paragraph">
            {line || ' '}
          </Text>
        ))}
      </View>

      {notice.template === 'receipt' &&
        (notice.confirmedAt ? (
          <Text className="notice__confirmed" data-confirmed="1">
            {t('notice.confirmedAt', { time: formatMoment(notice.confirmedAt) ?? '' })}
          </Text>
        ) : (
          <Button className="notice__confirm" type="primary" loading={confirming || undefined} disabled={confirming || undefined} onClick={() => void confirm()}>
            {confirming ? t('notice.confirming') : t('notice.confirm')}
          </Button>
        ))}

      {notice.template === 'import' && (
        <View className="notice__personal">
          <Text className="notice__section">{t('notice.personalHeading')}</Text>
          {rows.length === 0 && <Text className="notice__muted">{t('notice.personalEmpty')}</Text>}
          {rows.map(([column, value]) => (
            <View key={column} className="notice__row">
              <Text className="notice__cell-key">{column}</Text>
              <Text className="notice__cell-value">{value}</Text>
            </View>
          ))}
        </View>
      )}

      {notice.template === 'form' &&
        (definition ? (
          <NoticeForm
            definition={definition}
            draft={draft}
            errors={fieldErrors}
            onChange={changeField}
            onSubmit={() => void submitForm()}
            busy={submitting}
            submitted={submitted}
          />
        ) : (
          <Text className="notice__muted">{t('notice.formInvalid')}</Text>
        ))}

      {notice.template === 'reply' && (
        <View className="notice__comments">
          <Text className="notice__section">{t('notice.commentsHeading', { count: comments.length })}</Text>
          {comments.length === 0 && <Text className="notice__muted">{t('notice.noComments')}</Text>}
          {comments.map((comment) => (
            <View key={comment.id} className="notice__comment">
              <Text className="notice__comment-who">
                {comment.memberId === memberId ? t('notice.commentMine') : t('notice.commentOther')} · {formatMoment(comment.createdAt) ?? ''}
              </Text>
              <Text className="notice__comment-body">{comment.body}</Text>
            </View>
          ))}
          <Textarea
            className="notice__reply"
            value={reply}
            maxlength={COMMENT_MAX}
            placeholder={t('notice.commentPlaceholder')}
            onInput={(event) => setReply(event.detail?.value ?? '')}
          />
          {replyError && <Text className="notice__error">{replyError}</Text>}
          <Button className="notice__reply-send" type="primary" size="mini" loading={posting || undefined} disabled={posting || undefined} onClick={() => void postReply()}>
            {posting ? t('notice.commentSending') : t('notice.commentSend')}
          </Button>
        </View>
      )}
    </View>
  );
}
