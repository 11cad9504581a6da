import { Button, Text, View } from '@tarojs/components';
import type { FormDefinition } from '@yima/shared/forms/index';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { FieldInput } from '../../components/notice-form';
import { StatusView } from '../../components/status-view';
import { VisitorFields } from '../../components/visitor-fields';
import { t } from '../../i18n';
import { checkDraft, initialDraft, readDefinition, WEB_ONLY_TYPES, type DraftValue, type FieldErrors, type FormDraft } from '../../lib/notice-form';
import { isPassRefusal, visitErrorMessage } from '../../lib/visit-messages';
import { checkVisitor, emptyDraft, type VisitorDraft, type VisitorDraftKey, type VisitorErrors } from '../../lib/visits';
import { pageParams, redirectTo } from '../../platform/navigation';
import { AppError } from '../../services/errors';
import { tokenOfUrl, visitService, type ApplyContext } from '../../services/visit.service';
import './apply.scss';

// 访客申请 (pages/visitor/apply?t=<link token>): PUBLIC, no sign-in. A visitor
// opens the link a host shared, fills in who they are and when they come
// (plus the org's custom form), and gets a pass link that shows 等待审批
// until the host approves. Never redirects to login: the token is the authority.
export default function VisitorApplyPage() {
  const token = useMemo(() => pageParams().t ?? '', []);
  const [context, setContext] = useState<ApplyContext | null>(null);
  const [definition, setDefinition] = useState<FormDefinition | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<VisitorDraft>(() => emptyDraft());
  const [errors, setErrors] = useState<VisitorErrors>({});
  const [answers, setAnswers] = useState<FormDraft>({});
  const [answerErrors, setAnswerErrors] = useState<FieldErrors>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (!token) {
      setRefusal(t('visitorApply.noToken'));
      return;
    }
    setError(null);
    try {
      const loaded = await visitService.applyContext(token);
      const form = loaded.applyForm ? readDefinition(loaded.applyForm) : null;
      setDefinition(form);
      if (form) setAnswers(initialDraft(form, null));
      setContext(loaded);
    } catch (caught) {
      if (isPassRefusal(caught) || (caught instanceof AppError && caught.kind === 'function')) setRefusal(visitErrorMessage(caught));
      else setError(visitErrorMessage(caught));
    }
  }, [token]);

  useEffect(() => {
    void load();
  }, [load]);

  const change = (key: VisitorDraftKey, value: string) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  };
  const changeAnswer = (key: string, value: DraftValue) => {
    setAnswers((current) => ({ ...current, [key]: value }));
    setAnswerErrors((current) => ({ ...current, [key]: '' }));
  };

  const submit = async () => {
    if (!context || busy) return;
    setSubmitError(null);
    const checked = checkVisitor(draft, {
      phoneRequired: true,
      idCardRequired: context.requireIdCard,
      siteRequired: context.sites.length > 0,
      window: true,
      maxWindowHours: context.maxWindowHours ?? undefined,
    });
    let formAnswers: Record<string, unknown> | undefined;
    let formErrors: FieldErrors = {};
    if (definition) {
      const result = checkDraft(definition, answers);
      formAnswers = result.answers;
      // Photo and signature fields cannot be filled on this page (see the note by the field).
      formErrors = Object.fromEntries(
        Object.entries(result.errors).filter(([key]) => !WEB_ONLY_TYPES.has(definition.fields.find((f) => f.key === key)?.type ?? 'text')),
      );
    }
    setErrors(checked.errors);
    setAnswerErrors(formErrors);
    if (!checked.body || Object.keys(formErrors).length) {
      setSubmitError(t('visitorForm.fixErrors'));
      return;
    }
    setBusy(true);
    try {
      const result = await visitService.apply(token, checked.body, formAnswers);
      const passToken = tokenOfUrl(result.visitorUrl);
      await redirectTo('visitorPass', { t: passToken ?? '' });
    } catch (caught) {
      setSubmitError(visitErrorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  if (refusal) {
    return (
      <View className="visitor-apply visitor-apply--refused">
        <Text className="visitor-apply__refusal">{refusal}</Text>
      </View>
    );
  }
  if (!context) return <StatusView loading={!error} error={error} onRetry={() => void load()} />;

  return (
    <View className="visitor-apply">
      <View className="visitor-apply__header">
        <Text className="visitor-apply__org">{context.orgName}</Text>
        <Text className="visitor-apply__host">{t('visitorApply.visiting', { host: context.host.name })}</Text>
      </View>
      <VisitorFields
        draft={draft}
        errors={errors}
        onChange={change}
        identityTypes={context.identityTypes}
        sites={context.sites}
        phoneRequired
        idCardRequired={context.requireIdCard}
        siteRequired={context.sites.length > 0}
        showWindow
      />
      {definition && definition.fields.length > 0 && (
        <View className="visitor-apply__custom notice-form">
          <Text className="visitor-apply__custom-heading">{t('visitorApply.moreHeading')}</Text>
          {definition.fields.map((field) => (
            <View key={field.key} className={`notice-form__field notice-form__field--${field.key}${answerErrors[field.key] ? ' notice-form__field--invalid' : ''}`} data-type={field.type}>
              <Text className="notice-form__label">
                {field.label}
                {field.required && !WEB_ONLY_TYPES.has(field.type) ? ' *' : ''}
              </Text>
              {WEB_ONLY_TYPES.has(field.type) ? (
                <Text className="notice-form__web-only">{t('visitorApply.uploadSkipped')}</Text>
              ) : (
                <FieldInput field={field} value={answers[field.key]} onChange={(value) => changeAnswer(field.key, value)} />
              )}
              {answerErrors[field.key] ? <Text className="notice-form__error">{answerErrors[field.key]}</Text> : field.hint ? <Text className="notice-form__hint">{field.hint}</Text> : null}
            </View>
          ))}
        </View>
      )}
      {submitError && <Text className="visitor-apply__error">{submitError}</Text>}
      <Button className="visitor-apply__submit" type="primary" loading={busy || undefined} disabled={busy || undefined} onClick={() => void submit()}>
        {busy ? t('visitorApply.submitting') : t('visitorApply.submit')}
      </Button>
      <Text className="visitor-apply__privacy">{t('visitorApply.privacy')}</Text>
    </View>
  );
}
