import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { t } from '../../i18n';
import { showToast } from '../../platform/ui';
import { authService, type DevPersona } from '../../services/auth.service';
import { toAppError } from '../../services/errors';
import type { Session } from '../../stores/session.store';
import { StatusView } from '../status-view';
import './index.scss';

type LoadState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; personas: DevPersona[] };

export interface DevPersonaListProps {
  onSignedIn(session: Session): Promise<void> | void;
}

/** Local stack only: the seeded demo people, one tap each (edge function auth-dev). */
export function DevPersonaList({ onSignedIn }: DevPersonaListProps) {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [signingInAs, setSigningInAs] = useState<string | null>(null);

  const load = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      setState({ status: 'ready', personas: await authService.listDevPersonas() });
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
      await onSignedIn(await authService.loginWithDevPersona(persona.key));
    } catch (error) {
      showToast(toAppError(error).message);
    } finally {
      setSigningInAs(null);
    }
  };

  return (
    <View className="dev-personas">
      <Text className="dev-personas__heading">{t('login.devHeading')}</Text>
      <Text className="dev-personas__hint">{t('login.devHint')}</Text>
      {state.status === 'loading' && <StatusView loading />}
      {state.status === 'error' && <StatusView error={state.message} onRetry={() => void load()} />}
      {state.status === 'ready' && state.personas.length === 0 && <Text className="dev-personas__hint">{t('login.noPersonas')}</Text>}
      {state.status === 'ready' &&
        state.personas.map((persona) => (
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
  );
}
