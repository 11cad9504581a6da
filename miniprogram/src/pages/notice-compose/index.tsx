import { Button, Text, Textarea, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { FormField } from '../../components/form-field';
import { StatusView } from '../../components/status-view';
import { useNoticeError } from '../../hooks/use-notice-error';
import { t } from '../../i18n';
import { BODY_MAX, TITLE_MAX, validateCompose, type ComposeErrors } from '../../lib/notices';
import { navigateTo, reLaunch } from '../../platform/navigation';
import { noticeService, type HeadedDepartment, type SendResult } from '../../services/notice.service';
import { isSignedIn, useSessionStore } from '../../stores/session.store';
import './index.scss';

// 发通知 for department heads: a plain notice (title + body) to a department
// they head, subtree included. The draft is inserted and sent with
// send_notice, which checks the head's reach again and reports who it
// reached or why it sent nothing.
export default function NoticeComposePage() {
  const session = useSessionStore((state) => state.session);
  const signedIn = isSignedIn(session);
  const orgId = session?.member?.orgId;
  const memberId = session?.member?.id;
  const [departments, setDepartments] = useState<HeadedDepartment[] | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<ComposeErrors>({});
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<SendResult | null>(null);
  const [sendError, setSendError] = useState<string | null>(null);

  const explain = useNoticeError();

  const load = useCallback(async () => {
    if (!orgId || !memberId) return;
    setLoadError(null);
    try {
      const headed = await noticeService.headedDepartments({ orgId, memberId });
      setDepartments(headed);
      setDepartmentId(headed[0]?.id ?? null);
    } catch (caught) {
      const message = explain(caught);
      if (message) setLoadError(message);
    }
  }, [orgId, memberId, explain]);

  useEffect(() => {
    if (!signedIn) void reLaunch('login');
    else if (!memberId) void reLaunch('claim');
    else void load();
  }, [signedIn, memberId, load]);

  const send = async () => {
    if (!orgId || !memberId || !departmentId || sending) return;
    const problems = validateCompose({ title, body });
    setErrors(problems);
    if (problems.title || problems.body) return;
    setSending(true);
    setSendError(null);
    setResult(null);
    try {
      const sent = await noticeService.sendPlainToDepartment({ orgId, memberId }, departmentId, { title, body });
      setResult(sent);
      if (sent.ok) {
        setTitle('');
        setBody('');
      }
    } catch (caught) {
      const message = explain(caught);
      if (message) setSendError(message);
    } finally {
      setSending(false);
    }
  };

  if (!signedIn || !memberId) return <StatusView loading />;
  if (!departments) return <StatusView loading={!loadError} error={loadError} onRetry={() => void load()} />;
  if (departments.length === 0) return <StatusView error={t('compose.notHead')} />;

  const chosen = departments.find((d) => d.id === departmentId) ?? departments[0];

  return (
    <View className="compose">
      {departments.length > 1 ? (
        <View className="compose__departments">
          <Text className="compose__label">{t('compose.departmentLabel')}</Text>
          <View className="compose__chips">
            {departments.map((department) => (
              <Text
                key={department.id}
                className={`compose__chip${department.id === chosen?.id ? ' compose__chip--chosen' : ''}`}
                onClick={() => setDepartmentId(department.id)}
              >
                {department.name}
              </Text>
            ))}
          </View>
        </View>
      ) : null}
      <Text className="compose__to">{t('compose.department', { department: chosen?.name ?? '' })}</Text>

      <FormField
        name="title"
        label={t('compose.titleLabel')}
        value={title}
        onChange={setTitle}
        placeholder={t('compose.titlePlaceholder')}
        maxLength={TITLE_MAX}
        error={errors.title}
      />
      <View className={`compose__body${errors.body ? ' compose__body--invalid' : ''}`}>
        <Text className="compose__label">{t('compose.bodyLabel')}</Text>
        <Textarea
          className="compose__textarea"
          value={body}
          maxlength={BODY_MAX}
          placeholder={t('compose.bodyPlaceholder')}
          onInput={(event) => setBody(event.detail?.value ?? '')}
        />
        {errors.body && <Text className="compose__error">{errors.body}</Text>}
      </View>

      {result?.ok && (
        <View className="compose__result compose__result--ok">
          <Text>{t('compose.sent', { count: result.recipients })}</Text>
          <Text className="compose__link" onClick={() => void navigateTo('noticeStats')}>
            {t('compose.viewStats')}
          </Text>
        </View>
      )}
      {result && !result.ok && (
        <View className="compose__result compose__result--failed">
          <Text>{t('compose.failed')}</Text>
          {result.errors.map((e, index) => (
            <Text key={`${e.code}-${index}`} className="compose__problem">
              {e.message}
            </Text>
          ))}
        </View>
      )}
      {sendError && <Text className="compose__error">{sendError}</Text>}

      <Button className="compose__send" type="primary" loading={sending || undefined} disabled={sending || undefined} onClick={() => void send()}>
        {sending ? t('compose.sending') : t('compose.send')}
      </Button>
    </View>
  );
}
