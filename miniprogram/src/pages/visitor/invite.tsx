import { Button, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { StatusView } from '../../components/status-view';
import { VisitorFields } from '../../components/visitor-fields';
import { t } from '../../i18n';
import { visitErrorMessage } from '../../lib/visit-messages';
import { checkVisitor, emptyDraft, statusLabel, type VisitorDraft, type VisitorDraftKey, type VisitorErrors } from '../../lib/visits';
import { navigateTo } from '../../platform/navigation';
import { copyText } from '../../platform/share';
import { showToast } from '../../platform/ui';
import { isSessionError } from '../../services/errors';
import { visitService, type InviteResult, type Site } from '../../services/visit.service';
import { useMemberPage } from '../../hooks/use-member-page';
import './invite.scss';

interface InviteSetup {
  sites: Site[];
  identityTypes: string[];
  requireIdCard: boolean;
  maxWindowHours: number;
}

// 邀请访客: the host registers a visitor (visit-invite). Approved at once
// unless the org wants invitations approved; the result shows the visitor's
// pass link (also sent by SMS) for the host to copy and share.
export default function InviteVisitorPage() {
  const { signOut, orgId } = useMemberPage();
  const [setup, setSetup] = useState<InviteSetup | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<VisitorDraft>(() => emptyDraft());
  const [errors, setErrors] = useState<VisitorErrors>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<InviteResult | null>(null);

  const load = useCallback(async () => {
    if (!orgId) return;
    setLoadError(null);
    try {
      const [sites, settings] = await Promise.all([visitService.sites(orgId), visitService.settings(orgId)]);
      setSetup({ sites, ...settings });
    } catch (caught) {
      if (isSessionError(caught)) {
        showToast(visitErrorMessage(caught));
        signOut();
        return;
      }
      setLoadError(visitErrorMessage(caught));
    }
  }, [orgId, signOut]);

  useEffect(() => {
    void load();
  }, [load]);

  const change = (key: VisitorDraftKey, value: string) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  };

  const submit = async () => {
    if (!setup || busy) return;
    setSubmitError(null);
    const checked = checkVisitor(draft, {
      phoneRequired: true,
      idCardRequired: setup.requireIdCard,
      siteRequired: setup.sites.length > 0,
      window: true,
      maxWindowHours: setup.maxWindowHours,
    });
    setErrors(checked.errors);
    if (!checked.body) {
      setSubmitError(t('visitorForm.fixErrors'));
      return;
    }
    setBusy(true);
    try {
      setResult(await visitService.invite(checked.body));
    } catch (caught) {
      if (isSessionError(caught)) {
        showToast(visitErrorMessage(caught));
        signOut();
        return;
      }
      setSubmitError(visitErrorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const copy = async (text: string) => {
    try {
      await copyText(text);
      showToast(t('visitorShare.copied'));
    } catch {
      showToast(t('visitorShare.copyFailed'));
    }
  };

  if (result) {
    return (
      <View className="visitor-invite visitor-invite--done" data-status={result.status}>
        <Text className="visitor-invite__done">{result.status === 'pending' ? t('visitorInvite.donePending') : t('visitorInvite.doneApproved')}</Text>
        <Text className="visitor-invite__status">{statusLabel(result.status)}</Text>
        {result.sms && (
          <Text className="visitor-invite__sms">
            {result.sms === 'sent' ? t('visitorInvite.smsSent') : result.sms === 'no_phone' ? t('visitorInvite.smsNoPhone') : t('visitorInvite.smsFailed')}
          </Text>
        )}
        <Text className="visitor-invite__label">{t('visitorInvite.linkLabel')}</Text>
        <Text className="visitor-invite__url" selectable userSelect>
          {result.visitorUrl}
        </Text>
        <Button className="visitor-invite__copy" type="primary" onClick={() => void copy(result.visitorUrl)}>
          {t('visitorShare.copy')}
        </Button>
        <Button className="visitor-invite__again" onClick={() => { setResult(null); setDraft(emptyDraft()); }}>
          {t('visitorInvite.again')}
        </Button>
        <Button className="visitor-invite__list" onClick={() => void navigateTo('visitors')}>
          {t('visitors.title')}
        </Button>
      </View>
    );
  }
  if (!setup) return <StatusView loading={!loadError} error={loadError} onRetry={() => void load()} />;

  return (
    <View className="visitor-invite">
      <VisitorFields
        draft={draft}
        errors={errors}
        onChange={change}
        identityTypes={setup.identityTypes}
        sites={setup.sites}
        phoneRequired
        idCardRequired={setup.requireIdCard}
        siteRequired={setup.sites.length > 0}
        showWindow
      />
      {submitError && <Text className="visitor-invite__error">{submitError}</Text>}
      <Button className="visitor-invite__submit" type="primary" loading={busy || undefined} disabled={busy || undefined} onClick={() => void submit()}>
        {busy ? t('visitorInvite.submitting') : t('visitorInvite.submit')}
      </Button>
    </View>
  );
}
