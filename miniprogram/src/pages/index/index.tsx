import { Button, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { DynamicCode } from '../../components/dynamic-code';
import { PortalSection } from '../../components/portal-section';
import { codeWallet } from '../../hooks/use-code-credential';
import { StatusView } from '../../components/status-view';
import { t } from '../../i18n';
import { cachedProfile, saveCachedProfile } from '../../lib/profile-cache';
import { navigateTo, reLaunch } from '../../platform/navigation';
import { taroStorage } from '../../platform/storage';
import { showToast } from '../../platform/ui';
import { authService } from '../../services/auth.service';
import { codeService } from '../../services/code.service';
import { isSessionError, toAppError } from '../../services/errors';
import { memberService, type MemberProfile } from '../../services/member.service';
import { merchantService } from '../../services/merchant.service';
import { noticeService } from '../../services/notice.service';
import { pendingNotice } from '../../stores/pending-notice.store';
import { unreadCount } from '../../lib/notices';
import { usePageVisible } from '../../platform/lifecycle';
import { isSignedIn, useSessionStore, type Membership } from '../../stores/session.store';
import './index.scss';

// Home: the member's card with the dynamic code, the 验码 entry for guards
// (accounts with the cards function), and the org switch for accounts with
// cards in several orgs. The launch page: it sends a signed-out user to login
// and a user without a card to claim one. With no network it shows the card
// face from the last visit and codes made on the phone.
export default function HomePage() {
  const session = useSessionStore((state) => state.session);
  const signIn = useSessionStore((state) => state.signIn);
  const signOut = useSessionStore((state) => state.signOut);
  const [profile, setProfile] = useState<MemberProfile | null>(null);
  const [profileOffline, setProfileOffline] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [canVerify, setCanVerify] = useState(false);
  const [isOperator, setIsOperator] = useState(false);
  const [unreadNotices, setUnreadNotices] = useState(0);
  const [choosingOrg, setChoosingOrg] = useState(false);
  const [switchingTo, setSwitchingTo] = useState<string | null>(null);
  const leaving = useRef(false);
  const signedIn = isSignedIn(session);
  const member = session?.member ?? null;
  const memberships = session?.memberships ?? [];
  const memberId = member?.id;
  const memberOrgId = member?.orgId;

  const load = useCallback(async () => {
    if (!memberId || !memberOrgId) return;
    setError(null);
    setProfile(null);
    setProfileOffline(false);
    try {
      const loaded = await memberService.getMyProfile({ id: memberId, orgId: memberOrgId });
      saveCachedProfile(taroStorage, loaded);
      setProfile(loaded);
    } catch (caught) {
      const appError = toAppError(caught);
      if (isSessionError(appError)) {
        // The refresh token was refused too. Signing out re-runs the effect below.
        showToast(appError.message);
        signOut();
        return;
      }
      const cached = appError.kind === 'network' ? cachedProfile(taroStorage, { id: memberId, orgId: memberOrgId }) : null;
      if (cached) {
        setProfile(cached);
        setProfileOffline(true);
        return;
      }
      setError(appError.message);
    }
  }, [memberId, memberOrgId, signOut]);

  // The 验码 entry: only for accounts whose admin groups hold the cards function in this org.
  useEffect(() => {
    setCanVerify(false);
    if (!memberOrgId) return undefined;
    let current = true;
    codeService.adminFunctions(memberOrgId).then(
      (functions) => current && setCanVerify(functions.includes('cards')),
      () => undefined, // offline or refused: no entry; the verify page re-checks on the server anyway
    );
    return () => {
      current = false;
    };
  }, [memberOrgId]);

  // The 商户收款 entry: only for merchant operators (merchant_operators rows of this member).
  useEffect(() => {
    setIsOperator(false);
    if (!memberOrgId || !memberId) return undefined;
    let current = true;
    merchantService.operatedMerchantIds({ orgId: memberOrgId, memberId }).then(
      (ids) => current && setIsOperator(ids.length > 0),
      () => undefined, // offline or refused: no entry; pos-charge re-checks anyway
    );
    return () => {
      current = false;
    };
  }, [memberOrgId, memberId]);

  // The 通知 entry's unread count, refreshed whenever the card page shows again.
  const visible = usePageVisible();
  useEffect(() => {
    if (!visible || !memberOrgId || !memberId) return undefined;
    let current = true;
    noticeService.listMine({ orgId: memberOrgId, memberId }).then(
      (notices) => current && setUnreadNotices(unreadCount(notices)),
      () => undefined, // offline: the entry shows without a count
    );
    return () => {
      current = false;
    };
  }, [visible, memberOrgId, memberId]);

  const onCodeSessionExpired = useCallback(
    (message: string) => {
      showToast(message);
      signOut();
    },
    [signOut],
  );

  // The one place that sends a signed-out user to login, and a user without a card to claim one.
  useEffect(() => {
    if (leaving.current) return;
    if (!signedIn) {
      void reLaunch('login');
      return;
    }
    if (!memberId) {
      void reLaunch('claim');
      return;
    }
    void load();
  }, [signedIn, memberId, load]);

  // A notice link opened signed out (or before the card was claimed): open it
  // over the card once there is one, so back returns here. Done from the
  // mounted card page: H5's router drops a navigateTo issued while a reLaunch
  // is still mounting its page.
  useEffect(() => {
    if (!signedIn || !memberId) return;
    const noticeId = pendingNotice.take();
    if (noticeId) void navigateTo('notice', { id: noticeId });
  }, [signedIn, memberId]);

  const switchTo = async (membership: Membership) => {
    if (switchingTo) return;
    if (membership.orgId === memberOrgId) {
      setChoosingOrg(false);
      return;
    }
    setSwitchingTo(membership.orgId);
    try {
      signIn(await authService.switchOrg(membership.orgId));
      setChoosingOrg(false);
      showToast(t('home.switchedTo', { org: membership.orgName }));
    } catch (caught) {
      const appError = toAppError(caught);
      showToast(appError.message);
      if (isSessionError(appError)) signOut();
    } finally {
      setSwitchingTo(null);
    }
  };

  const logout = () => {
    const refreshToken = session?.refreshToken;
    leaving.current = true;
    // The next person signing in on this phone must not find this member's credential.
    codeWallet().forgetAllCredentials();
    signOut();
    void authService.logout(refreshToken);
    // manual=1: do not sign straight back in with WeChat.
    void reLaunch('login', { manual: '1' });
  };

  if (!signedIn || !member) return <StatusView loading />;

  return (
    <View className="home">
      {!profile && <StatusView loading={!error} error={error} onRetry={() => void load()} />}
      {profile && (
        <View className="card">
          <Text className="card__org">{profile.orgName ?? ''}</Text>
          <Text className="card__name">{profile.name}</Text>
          <View className="card__row">
            <Text className="card__label">{t('home.department')}</Text>
            <Text className="card__value">{profile.departmentName ?? t('home.noDepartment')}</Text>
          </View>
          {profile.employeeNo && (
            <View className="card__row">
              <Text className="card__label">{t('home.employeeNo')}</Text>
              <Text className="card__value">{profile.employeeNo}</Text>
            </View>
          )}
          {profileOffline && <Text className="card__offline">{t('home.offlineProfile')}</Text>}
        </View>
      )}
      {/* The code needs only the session's member: it shows even when the profile cannot load. */}
      <DynamicCode key={`${member.orgId}:${member.id}`} orgId={member.orgId} memberId={member.id} onSessionExpired={onCodeSessionExpired} />

      <PortalSection key={`portal:${member.orgId}:${member.id}`} orgId={member.orgId} memberId={member.id} visible={visible} />

      <View className="home__payments">
        <Button className="home__pay" type="primary" onClick={() => void navigateTo('pay')}>
          {t('home.payEntry')}
        </Button>
        <Button className="home__wallet" onClick={() => void navigateTo('wallet')}>
          {t('home.walletEntry')}
        </Button>
      </View>
      {isOperator && (
        <Button className="home__collect" onClick={() => void navigateTo('collect')}>
          {t('home.collectEntry')}
        </Button>
      )}

      <Button className="home__notices" onClick={() => void navigateTo('notices')}>
        {unreadNotices > 0 ? t('home.noticesUnread', { count: unreadNotices }) : t('home.noticesEntry')}
      </Button>

      <Button className="home__visitors" onClick={() => void navigateTo('visitors')}>
        {t('home.visitorsEntry')}
      </Button>

      {canVerify && (
        <Button className="home__verify" onClick={() => void navigateTo('verify')}>
          {t('code.verifyEntry')}
        </Button>
      )}
      {canVerify && (
        <Button className="home__walk-in" onClick={() => void navigateTo('visitorWalkIn')}>
          {t('home.walkInEntry')}
        </Button>
      )}

      {memberships.length > 1 && !choosingOrg && (
        <Button className="home__switch" onClick={() => setChoosingOrg(true)}>
          {t('home.switchOrg')}
        </Button>
      )}
      {memberships.length > 1 && choosingOrg && (
        <View className="orgs">
          {memberships.map((membership) => (
            <View
              key={membership.orgId}
              className={`orgs__item${membership.orgId === memberOrgId ? ' orgs__item--current' : ''}`}
              data-org={membership.orgSlug}
              onClick={() => void switchTo(membership)}
            >
              <Text className="orgs__name">{membership.orgName}</Text>
              <Text className="orgs__meta">
                {membership.orgId === memberOrgId ? t('home.currentOrg') : switchingTo === membership.orgId ? t('common.loading') : membership.memberName}
              </Text>
            </View>
          ))}
          <Text className="orgs__cancel" onClick={() => setChoosingOrg(false)}>
            {t('home.switchOrgCancel')}
          </Text>
        </View>
      )}

      <Button className="home__logout" onClick={logout}>
        {t('home.logout')}
      </Button>
    </View>
  );
}
