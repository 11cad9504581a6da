import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { StatusView } from '../../components/status-view';
import { t } from '../../i18n';
import { reLaunch } from '../../platform/navigation';
import { showToast } from '../../platform/ui';
import { authService, type DevPersona } from '../../services/auth.service';
import { toAppError } from '../../services/errors';
import { useSessionStore } from '../../stores/session.store';
import './index.scss';

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; devLogin: boolean; personas: DevPersona[] };

export default function LoginPage() {
  const signIn = useSessionStore((state) => state.signIn);
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [signingInAs, setSigningInAs] = useState<string | null>(null);

  const load = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      const devLogin = await authService.isDevLoginAvailable();
      const personas = devLogin ? await authService.listDevPersonas() : [];
      setState({ status: 'ready', devLogin, personas });
    } catch (error) {
      setState({ status: 'error', message: toAppError(error).message });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const loginAs = async (persona: DevPersona) => {
    if (signingInAs) return;
    setSigningInAs(persona.key);
    try {
      signIn(await authService.loginWithDevPersona(persona.key));
      await reLaunch('home');
    } catch (error) {
      showToast(toAppError(error).message);
    } finally {
      setSigningInAs(null);
    }
  };

  return (
    <View className="login">
      <View className="login__brand">
        <Text className="login__title">{t('app.title')}</Text>
      </View>

      {state.status === 'loading' && <StatusView loading />}
      {state.status === 'error' && <StatusView error={state.message} onRetry={() => void load()} />}

      {state.status === 'ready' && !state.devLogin && <Text className="login__hint">{t('login.notLocal')}</Text>}

      {state.status === 'ready' && state.devLogin && (
        <View className="login__section">
          <Text className="login__heading">{t('login.devHeading')}</Text>
          <Text className="login__hint">{t('login.devHint')}</Text>
          {state.personas.length === 0 && <Text className="login__hint">{t('login.noPersonas')}</Text>}
          {state.personas.map((persona) => (
            <View
              key={persona.key}
              className={`persona${signingInAs === persona.key ? ' persona--busy' : ''}`}
              data-persona={persona.key}
              onClick={() => void loginAs(persona)}
            >
              <Text className="persona__name">{persona.name}</Text>
              <Text className="persona__meta">
                {persona.orgName} · {persona.roleLabel}
              </Text>
              {signingInAs === persona.key && <Text className="persona__busy">{t('login.signingIn')}</Text>}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
