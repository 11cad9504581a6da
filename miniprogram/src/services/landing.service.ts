// After any sign-in: store the session and open the right page (the card,
// the card in the org a claim link named, or the claim page).
import { decideLanding } from '../lib/landing';
import { reLaunch } from '../platform/navigation';
import { claimTarget } from '../stores/claim-target.store';
import { useSessionStore, type Session } from '../stores/session.store';
import { authService } from './auth.service';
import { getRuntimeConfig } from './config.service';

export async function enterApp(session: Session): Promise<void> {
  const { signIn } = useSessionStore.getState();
  signIn(session);
  const defaultOrg = (await getRuntimeConfig().catch(() => null))?.defaultOrg;
  const landing = decideLanding(session, claimTarget.get(), defaultOrg);

  if (landing.kind === 'claim') {
    await reLaunch('claim', landing.org ? { org: landing.org } : undefined);
    return;
  }
  if (landing.kind === 'switch') {
    try {
      signIn(await authService.switchOrg(landing.orgId));
    } catch {
      // Still signed in, in the org the server chose: show that card rather than nothing.
    }
  }
  claimTarget.clear();
  await reLaunch('home');
}
