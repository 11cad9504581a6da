import { Button, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { StatusView } from '../../components/status-view';
import { t } from '../../i18n';
import { reLaunch } from '../../platform/navigation';
import { showToast } from '../../platform/ui';
import { authService } from '../../services/auth.service';
import { isSessionError, toAppError } from '../../services/errors';
import { memberService, type MemberProfile } from '../../services/member.service';
import { isSessionValid, useSessionStore } from '../../stores/session.store';
import './index.scss';

// Home: the member's card. The dynamic code comes in a later issue; for now
// it shows who is signed in, read through RLS.
export default function HomePage() {
  const session = useSessionStore((state) => state.session);
  const signOut = useSessionStore((state) => state.signOut);
  const [profile, setProfile] = useState<MemberProfile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const signedIn = isSessionValid(session);
  const member = session?.member;

  const load = useCallback(async () => {
    if (!member) return;
    setError(null);
    try {
      setProfile(await memberService.getMyProfile(member));
    } catch (caught) {
      const appError = toAppError(caught);
      if (isSessionError(appError)) {
        // Signing out re-runs the effect below, which takes the user to login.
        showToast(appError.message);
        signOut();
        return;
      }
      setError(appError.message);
    }
  }, [member, signOut]);

  // The one place that sends a signed-out (or expired) user to login.
  useEffect(() => {
    if (!signedIn) {
      if (useSessionStore.getState().session) signOut(); // expired: forget it
      void reLaunch('login');
      return;
    }
    void load();
  }, [signedIn, load, signOut]);

  const logout = async () => {
    await authService.logout();
    signOut();
  };

  if (!signedIn) return <StatusView loading />;

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
          <View className="card__code">
            <Text className="card__code-hint">{t('home.cardPlaceholder')}</Text>
          </View>
        </View>
      )}
      <Button className="home__logout" onClick={() => void logout()}>
        {t('home.logout')}
      </Button>
    </View>
  );
}
