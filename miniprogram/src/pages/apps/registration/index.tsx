import { Button, Text, View } from '@tarojs/components';
import type { FormDefinition } from '@yima/shared/forms/index';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { FieldInput } from '../../../components/notice-form';
import { ScanOrPaste } from '../../../components/scan-or-paste';
import { StatusView } from '../../../components/status-view';
import { useAsyncData, useFailureMessage, useMemberPage } from '../../../hooks/use-member-page';
import { t } from '../../../i18n';
import { checkDraft, initialDraft, readDefinition, WEB_ONLY_TYPES, type DraftValue, type FieldErrors, type FormDraft } from '../../../lib/notice-form';
import { momentOf, scenarioErrorMessage } from '../../../lib/scenario';
import { pageParams } from '../../../platform/navigation';
import { showToast } from '../../../platform/ui';
import { pointIdOf, registrationService, type RegistrationPoint } from '../../../services/registration.service';
import './index.scss';

interface OpenPoint {
  point: RegistrationPoint;
  definition: FormDefinition;
}

/** A record's answers in one line (`值1 · 值2`). */
function answersLine(answers: Record<string, unknown>): string {
  return Object.values(answers)
    .map((value) => (Array.isArray(value) ? value.join('、') : typeof value === 'string' || typeof value === 'number' ? String(value) : ''))
    .filter(Boolean)
    .join(' · ');
}

// 实名登记: scan a registration point's QR (`yima:reg:<id>`; H5 pastes it) or
// open `?point_id=`, fill the point's form (the shared field types, checked
// with the shared engine before registration-submit checks it again), and see
// my past records.
export default function RegistrationPage() {
  const { signedIn, orgId, memberId } = useMemberPage();
  const fail = useFailureMessage(scenarioErrorMessage);
  const initialPoint = useMemo(() => pageParams().point_id ?? '', []);
  const [open, setOpen] = useState<OpenPoint | null>(null);
  const [opening, setOpening] = useState(false);
  const [pointError, setPointError] = useState<string | null>(null);
  const [draft, setDraft] = useState<FormDraft>({});
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ at: string; name: string } | null>(null);
  const {
    data: records,
    error: recordsError,
    reload: loadRecords,
  } = useAsyncData(useCallback(() => (orgId && memberId ? registrationService.mine({ orgId, memberId }) : null), [orgId, memberId]), fail);

  const openPoint = useCallback(
    async (text: string): Promise<boolean> => {
      const pointId = pointIdOf(text);
      setDone(null);
      setSubmitError(null);
      if (!pointId) {
        setPointError(t('registration.notPointCode'));
        return false;
      }
      setOpening(true);
      setPointError(null);
      try {
        const loaded = await registrationService.point(pointId);
        const definition = readDefinition(loaded.form);
        if (!definition) {
          setPointError(t('registration.badForm'));
          return false;
        }
        setDraft(initialDraft(definition, null));
        setFieldErrors({});
        setOpen({ point: loaded.point, definition });
        return true;
      } catch (caught) {
        const message = fail(caught);
        if (message) setPointError(message);
        return false;
      } finally {
        setOpening(false);
      }
    },
    [fail],
  );

  useEffect(() => {
    if (initialPoint && signedIn && memberId) void openPoint(initialPoint);
  }, [initialPoint, signedIn, memberId, openPoint]);

  const change = (key: string, value: DraftValue) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setFieldErrors((current) => ({ ...current, [key]: '' }));
  };

  const submit = async () => {
    if (!open || busy) return;
    setSubmitError(null);
    const { answers, errors } = checkDraft(open.definition, draft);
    const blocking = Object.fromEntries(
      Object.entries(errors).filter(([key]) => !WEB_ONLY_TYPES.has(open.definition.fields.find((f) => f.key === key)?.type ?? 'text')),
    );
    setFieldErrors(blocking);
    if (Object.keys(blocking).length) {
      setSubmitError(t('registration.fixErrors'));
      return;
    }
    setBusy(true);
    try {
      const record = await registrationService.submit(open.point.id, answers);
      setDone({ at: record.at, name: open.point.name });
      setOpen(null);
      showToast(t('registration.submitted'));
      void loadRecords();
    } catch (caught) {
      const message = fail(caught);
      if (message) setSubmitError(message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="registration">
      {done && (
        <View className="registration__done" data-outcome="ok">
          <Text className="registration__done-title">{t('registration.doneTitle')}</Text>
          <Text className="registration__meta">{t('registration.doneAt', { name: done.name, at: momentOf(done.at) })}</Text>
        </View>
      )}

      {open ? (
        <View className="registration__form notice-form" data-point={open.point.id}>
          <Text className="registration__point">{open.point.name}</Text>
          {open.point.purpose && <Text className="registration__meta">{open.point.purpose}</Text>}
          {open.definition.fields.map((field) => (
            <View
              key={field.key}
              className={`notice-form__field notice-form__field--${field.key}${fieldErrors[field.key] ? ' notice-form__field--invalid' : ''}`}
              data-type={field.type}
            >
              <Text className="notice-form__label">
                {field.label}
                {field.required && !WEB_ONLY_TYPES.has(field.type) ? ' *' : ''}
              </Text>
              <FieldInput field={field} value={draft[field.key]} onChange={(value) => change(field.key, value)} />
              {fieldErrors[field.key] ? (
                <Text className="notice-form__error">{fieldErrors[field.key]}</Text>
              ) : field.hint ? (
                <Text className="notice-form__hint">{field.hint}</Text>
              ) : null}
            </View>
          ))}
          {submitError && <Text className="registration__error">{submitError}</Text>}
          <Button className="registration__submit" type="primary" loading={busy || undefined} disabled={busy || undefined} onClick={() => void submit()}>
            {busy ? t('registration.submitting') : t('registration.submit')}
          </Button>
          <Button className="registration__close" onClick={() => setOpen(null)}>
            {t('registration.close')}
          </Button>
        </View>
      ) : (
        <View className="registration__open">
          <Text className="registration__intro">{t('registration.intro')}</Text>
          {pointError && <Text className="registration__error">{pointError}</Text>}
          <ScanOrPaste
            block="registration"
            submitElement="go"
            maxlength={80}
            placeholder={t('registration.pastePlaceholder')}
            scanLabel={t('registration.scan')}
            submitLabel={t('registration.openPoint')}
            busy={opening}
            onCode={openPoint}
            onScanError={(caught) => setPointError(scenarioErrorMessage(caught))}
          />
        </View>
      )}

      <View className="registration__records">
        <Text className="registration__heading">{t('registration.recordsHeading')}</Text>
        {!records ? (
          <StatusView loading={!recordsError} error={recordsError} onRetry={() => void loadRecords()} />
        ) : records.length === 0 ? (
          <Text className="registration__empty">{t('registration.recordsEmpty')}</Text>
        ) : (
          records.map((record) => (
            <View key={record.id} className="registration__record" data-record={record.id}>
              <View className="registration__record-head">
                <Text className="registration__record-name">{record.pointName ?? t('registration.unknownPoint')}</Text>
                <Text className="registration__meta">{momentOf(record.at)}</Text>
              </View>
              {answersLine(record.answers) && <Text className="registration__meta">{answersLine(record.answers)}</Text>}
            </View>
          ))
        )}
      </View>
    </View>
  );
}
