import { useCallback, useEffect, useRef, useState } from 'react';
import { createCodeWallet, type CodeWallet } from '../lib/code-wallet';
import { ensureCredential, type EnrolmentDeps, type EnsuredCredential } from '../lib/enrolment';
import { codeErrorMessage } from '../lib/code-messages';
import { secureRandomBytes } from '../platform/random';
import { taroStorage } from '../platform/storage';
import { codeService } from '../services/code.service';
import { onServerClock } from '../services/server-clock';
import { isSessionError } from '../services/errors';

export type CodeCredentialState =
  | { status: 'loading' }
  | { status: 'ready'; ensured: EnsuredCredential }
  | { status: 'error'; message: string; sessionExpired: boolean };

/** The app's wallet on Taro storage (one per app instance). */
let appWallet: CodeWallet | null = null;
export function codeWallet(): CodeWallet {
  if (!appWallet) {
    const wallet = createCodeWallet(taroStorage);
    // Later answers of our functions keep the stored clock offset current.
    onServerClock((sample) => void wallet.updateClockOffset(sample));
    appWallet = wallet;
  }
  return appWallet;
}

function appDeps(): EnrolmentDeps {
  return {
    wallet: codeWallet(),
    randomBytes: secureRandomBytes,
    enroll: (input) => codeService.enroll(input),
    credentialState: (orgId, credentialId) => codeService.credentialState(orgId, credentialId),
    now: () => Date.now(),
  };
}

/** Makes sure this member has a credential on this phone (enrolling when needed) and says how it went. */
export function useCodeCredential(member: { orgId: string; memberId: string } | null, deps: () => EnrolmentDeps = appDeps) {
  const [state, setState] = useState<CodeCredentialState>({ status: 'loading' });
  const run = useRef(0);
  const orgId = member?.orgId;
  const memberId = member?.memberId;

  const load = useCallback(async () => {
    if (!orgId || !memberId) return;
    const id = ++run.current;
    setState({ status: 'loading' });
    try {
      const ensured = await ensureCredential(deps(), { orgId, memberId });
      if (id === run.current) setState({ status: 'ready', ensured });
    } catch (error) {
      if (id === run.current) setState({ status: 'error', message: codeErrorMessage(error), sessionExpired: isSessionError(error) });
    }
  }, [orgId, memberId, deps]);

  useEffect(() => {
    void load();
    return () => {
      run.current += 1; // a late answer for another member (org switch) is dropped
    };
  }, [load]);

  return { state, reload: load };
}
