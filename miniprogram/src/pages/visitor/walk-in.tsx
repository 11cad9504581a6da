import { Button, Input, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { StatusView } from '../../components/status-view';
import { VisitorFields } from '../../components/visitor-fields';
import { t } from '../../i18n';
import { visitErrorMessage } from '../../lib/visit-messages';
import { checkVisitor, emptyDraft, type VisitorDraft, type VisitorDraftKey, type VisitorErrors } from '../../lib/visits';
import { navigateBack } from '../../platform/navigation';
import { visitService, type MemberHit, type Site } from '../../services/visit.service';
import { useFailureMessage, useMemberPage } from '../../hooks/use-member-page';
import './walk-in.scss';

// 访客登记 (guards, from the verify page): a visitor who came without an
// appointment. The guard picks the host by name (members RLS lets an admin
// read the members of their departments) or, when the name finds nobody, by
// employee number (the same rule applies: only members the guard may read),
// then visit-walk-in registers and checks the visitor in at once.
export default function WalkInPage() {
  const { orgId } = useMemberPage();
  const handle = useFailureMessage(visitErrorMessage);
  const [sites, setSites] = useState<Site[] | null>(null);
  const [identityTypes, setIdentityTypes] = useState<string[]>([]);
  const [requireIdCard, setRequireIdCard] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [employeeNo, setEmployeeNo] = useState('');
  const [hits, setHits] = useState<MemberHit[] | null>(null);
  const [host, setHost] = useState<MemberHit | null>(null);
  const [hostError, setHostError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const [draft, setDraft] = useState<VisitorDraft>(() => emptyDraft());
  const [errors, setErrors] = useState<VisitorErrors>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!orgId) return;
    setLoadError(null);
    try {
      const [loaded, settings] = await Promise.all([visitService.sites(orgId), visitService.settings(orgId)]);
      setIdentityTypes(settings.identityTypes);
      setRequireIdCard(settings.requireIdCard);
      setSites(loaded);
    } catch (caught) {
      const message = handle(caught);
      if (message) setLoadError(message);
    }
  }, [orgId, handle]);

  useEffect(() => {
    void load();
  }, [load]);

  const search = async () => {
    if (!orgId || searching) return;
    setHostError(null);
    if (!query.trim()) {
      setHostError(t('walkIn.hostQueryEmpty'));
      return;
    }
    setSearching(true);
    try {
      const found = await visitService.searchMembers(orgId, query);
      setHits(found);
      if (!found.length) setHostError(t('walkIn.noHits'));
    } catch (caught) {
      const message = handle(caught);
      if (message) setHostError(message);
    } finally {
      setSearching(false);
    }
  };

  const byEmployeeNo = async () => {
    if (!orgId || searching) return;
    setHostError(null);
    if (!employeeNo.trim()) {
      setHostError(t('walkIn.employeeNoEmpty'));
      return;
    }
    setSearching(true);
    try {
      const found = await visitService.memberByEmployeeNo(orgId, employeeNo);
      if (found) setHost(found);
      else setHostError(t('walkIn.employeeNoUnknown'));
    } catch (caught) {
      const message = handle(caught);
      if (message) setHostError(message);
    } finally {
      setSearching(false);
    }
  };

  const change = (key: VisitorDraftKey, value: string) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  };

  const submit = async () => {
    if (!sites || busy) return;
    setSubmitError(null);
    const checked = checkVisitor(draft, { phoneRequired: false, idCardRequired: requireIdCard, siteRequired: false, window: false });
    setErrors(checked.errors);
    if (!host) setHostError(t('walkIn.hostRequired'));
    if (!checked.body || !host) {
      setSubmitError(t('visitorForm.fixErrors'));
      return;
    }
    setBusy(true);
    try {
      await visitService.walkIn(host.id, checked.body);
      setDone(checked.body.name);
    } catch (caught) {
      const message = handle(caught);
      if (message) setSubmitError(message);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <View className="walk-in walk-in--done">
        <Text className="walk-in__done">{t('walkIn.done', { name: done })}</Text>
        <Button className="walk-in__again" type="primary" onClick={() => { setDone(null); setDraft(emptyDraft()); setHost(null); setHits(null); setQuery(''); }}>
          {t('walkIn.again')}
        </Button>
        <Button className="walk-in__back" onClick={() => void navigateBack()}>
          {t('walkIn.back')}
        </Button>
      </View>
    );
  }
  if (!sites) return <StatusView loading={!loadError} error={loadError} onRetry={() => void load()} />;

  return (
    <View className="walk-in">
      <View className={`walk-in__host${hostError ? ' walk-in__host--invalid' : ''}`}>
        <Text className="walk-in__label">{t('walkIn.host')} *</Text>
        {host ? (
          <View className="walk-in__chosen" data-member={host.id}>
            <Text className="walk-in__chosen-name">{host.employeeNo ? `${host.name}（${host.employeeNo}）` : host.name}</Text>
            <Text className="walk-in__change" onClick={() => setHost(null)}>
              {t('walkIn.changeHost')}
            </Text>
          </View>
        ) : (
          <View className="walk-in__search">
            <View className="walk-in__row">
              <Input className="walk-in__query" name="host-query" value={query} placeholder={t('walkIn.hostPlaceholder')} onInput={(event) => setQuery(event.detail.value)} />
              <Button className="walk-in__find" size="mini" loading={searching || undefined} onClick={() => void search()}>
                {t('walkIn.search')}
              </Button>
            </View>
            {hits?.map((hit) => (
              <Text key={hit.id} className="walk-in__hit" data-member={hit.id} onClick={() => setHost(hit)}>
                {hit.employeeNo ? `${hit.name}（${hit.employeeNo}）` : hit.name}
              </Text>
            ))}
            <Text className="walk-in__hint">{t('walkIn.scopeHint')}</Text>
            <View className="walk-in__row">
              <Input className="walk-in__employee-no" name="host-employee-no" value={employeeNo} placeholder={t('walkIn.employeeNoPlaceholder')} onInput={(event) => setEmployeeNo(event.detail.value)} />
              <Button className="walk-in__find-no" size="mini" loading={searching || undefined} onClick={() => void byEmployeeNo()}>
                {t('walkIn.findByNo')}
              </Button>
            </View>
          </View>
        )}
        {hostError && <Text className="walk-in__error">{hostError}</Text>}
      </View>
      <VisitorFields
        draft={draft}
        errors={errors}
        onChange={change}
        identityTypes={identityTypes}
        sites={sites}
        phoneRequired={false}
        idCardRequired={requireIdCard}
        siteRequired={false}
        showWindow={false}
      />
      {submitError && <Text className="walk-in__error">{submitError}</Text>}
      <Button className="walk-in__submit" type="primary" loading={busy || undefined} disabled={busy || undefined} onClick={() => void submit()}>
        {busy ? t('walkIn.submitting') : t('walkIn.submit')}
      </Button>
    </View>
  );
}
