import { Button, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { FormField } from '../../components/form-field';
import { StatusView } from '../../components/status-view';
import { t } from '../../i18n';
import { claimErrorMessage } from '../../lib/auth-errors';
import { claimFieldView, normaliseClaimValue, validateClaimForm, type ClaimField, type ClaimValues } from '../../lib/claim-fields';
import { findMembership } from '../../lib/landing';
import { pageParams, reLaunch } from '../../platform/navigation';
import { showToast } from '../../platform/ui';
import { authService } from '../../services/auth.service';
import { claimService, type ClaimForm } from '../../services/claim.service';
import { getRuntimeConfig } from '../../services/config.service';
import { isSessionError, toAppError } from '../../services/errors';
import { claimTarget } from '../../stores/claim-target.store';
import { isSignedIn, useSessionStore } from '../../stores/session.store';
import './index.scss';

type PageState =
  | { status: 'loading' }
  /** No org known yet: ask for the organisation code (with the reason the last one failed). */
  | { status: 'ask-org'; error?: string }
  | { status: 'error'; message: string; org: string }
  | { status: 'ready'; form: ClaimForm };

/**
 * 领卡. Opened by a claim link (`?org=<slug>`), by the login flow when the
 * account has no card in the org it wants, or with no org at all (then it
 * asks for the organisation code). Renders exactly the fields the org's
 * claim method asks for and, once claimed, opens the card.
 */
export default function ClaimPage() {
  const session = useSessionStore((state) => state.session);
  const signIn = useSessionStore((state) => state.signIn);
  const signOut = useSessionStore((state) => state.signOut);
  const signedIn = isSignedIn(session);
  const [state, setState] = useState<PageState>({ status: 'loading' });
  const [orgInput, setOrgInput] = useState('');
  const [values, setValues] = useState<ClaimValues>({});
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<ClaimField, string>>>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const leaving = useRef(false);

  const load = useCallback(
    async (org: string) => {
      setState({ status: 'loading' });
      try {
        const form = await claimService.getClaimForm(org);
        const current = useSessionStore.getState().session;
        const membership = current ? findMembership(current, form.org.id) : undefined;
        if (current && membership) {
          // Already has a card there (an old link, or opened twice): show it.
          if (current.member?.orgId !== membership.orgId) signIn(await authService.switchOrg(membership.orgId));
          claimTarget.clear();
          leaving.current = true;
          await reLaunch('home');
          return;
        }
        setValues({});
        setFieldErrors({});
        setSubmitError(null);
        setState({ status: 'ready', form });
      } catch (caught) {
        const appError = toAppError(caught);
        if (isSessionError(appError)) {
          showToast(appError.message);
          signOut();
          return;
        }
        if (appError.code === 'org_not_found') {
          claimTarget.clear();
          setOrgInput(org);
          setState({ status: 'ask-org', error: claimErrorMessage(appError) });
          return;
        }
        setState({ status: 'error', message: claimErrorMessage(appError), org });
      }
    },
    [signIn, signOut],
  );

  useEffect(() => {
    if (leaving.current) return;
    const linkOrg = pageParams().org?.trim();
    if (!signedIn) {
      // Sign in first; the login flow comes back here for this org.
      if (linkOrg) claimTarget.set(linkOrg);
      leaving.current = true;
      void reLaunch('login');
      return;
    }
    if (linkOrg) claimTarget.set(linkOrg);
    void (async () => {
      const org = linkOrg || claimTarget.get() || (await getRuntimeConfig().catch(() => null))?.defaultOrg;
      if (org) await load(org);
      else setState({ status: 'ask-org' });
    })();
    // Only on open and on sign-out (`load` is stable; the page parameters do not change).
  }, [signedIn, load]);

  const submitOrg = () => {
    const org = orgInput.trim();
    if (!org) {
      setState({ status: 'ask-org', error: t('claim.orgRequired') });
      return;
    }
    claimTarget.set(org);
    void load(org);
  };

  const submit = async (form: ClaimForm) => {
    if (submitting) return;
    const errors = validateClaimForm(form.fields, values);
    setFieldErrors(errors);
    setSubmitError(null);
    if (Object.keys(errors).length > 0) return;
    const normalised: ClaimValues = {};
    for (const field of form.fields) normalised[field] = normaliseClaimValue(field, values[field] ?? '');
    setSubmitting(true);
    try {
      const next = await claimService.claim(form.org.id, form.fields, normalised);
      leaving.current = true;
      signIn(next);
      claimTarget.clear();
      showToast(t('claim.success'));
      await reLaunch('home');
    } catch (caught) {
      const appError = toAppError(caught);
      if (isSessionError(appError)) {
        showToast(appError.message);
        signOut();
        return;
      }
      setSubmitError(claimErrorMessage(appError));
    } finally {
      setSubmitting(false);
    }
  };

  const changeOrg = () => {
    claimTarget.clear();
    setOrgInput('');
    setState({ status: 'ask-org' });
  };

  const logout = () => {
    const refreshToken = useSessionStore.getState().session?.refreshToken;
    leaving.current = true;
    claimTarget.clear();
    signOut();
    void authService.logout(refreshToken);
    void reLaunch('login', { manual: '1' });
  };

  if (!signedIn) return <StatusView loading />;

  return (
    <View className="claim">
      {state.status === 'loading' && <StatusView loading />}
      {state.status === 'error' && <StatusView error={state.message} onRetry={() => void load(state.org)} />}

      {state.status === 'ask-org' && (
        <View className="claim__org">
          <Text className="claim__heading">{t('claim.title')}</Text>
          <FormField
            name="org"
            label={t('claim.orgLabel')}
            value={orgInput}
            onChange={setOrgInput}
            placeholder={t('claim.orgPlaceholder')}
            hint={t('claim.orgHint')}
            error={state.error}
            maxLength={64}
          />
          <Button className="claim__next" type="primary" onClick={submitOrg}>
            {t('claim.orgNext')}
          </Button>
        </View>
      )}

      {state.status === 'ready' && (
        <View className="claim__form" data-method={state.form.method}>
          <Text className="claim__heading">{t('claim.heading', { org: state.form.org.name })}</Text>
          <Text className="claim__intro">{state.form.method === 'api' ? t('claim.methodApi') : t('claim.intro')}</Text>
          {state.form.fields.map((field) => {
            const view = claimFieldView(field);
            return (
              <FormField
                key={field}
                name={field}
                label={view.label}
                value={values[field] ?? ''}
                onChange={(value) => setValues((previous) => ({ ...previous, [field]: value }))}
                placeholder={view.placeholder}
                hint={view.hint}
                error={fieldErrors[field]}
                type={view.inputType}
                maxLength={view.maxLength}
              />
            );
          })}
          {submitError && <Text className="claim__error">{submitError}</Text>}
          <Button className="claim__submit" type="primary" disabled={submitting || undefined} onClick={() => void submit(state.form)}>
            {submitting ? t('claim.submitting') : t('claim.submit')}
          </Button>
          <Text className="claim__link claim__change-org" onClick={changeOrg}>
            {t('claim.changeOrg')}
          </Text>
        </View>
      )}

      <Text className="claim__link claim__logout" onClick={logout}>
        {t('claim.logout')}
      </Text>
    </View>
  );
}
