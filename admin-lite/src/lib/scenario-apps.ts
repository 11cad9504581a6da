// 场景应用 permissions: an app is managed by super admins and by members of
// an admin group whose `apps` contain its key (my_admin_profile.apps is the
// union of the caller's groups' apps).
import type { AdminProfile } from '../services/admin-profile.service.ts';

export const SCENARIO_APPS = ['events', 'registration', 'meal_booking', 'resources'] as const;
export type ScenarioApp = (typeof SCENARIO_APPS)[number];

export function canUseApp(profile: AdminProfile, app: ScenarioApp | undefined): boolean {
  if (!profile.is_admin) return false;
  return app === undefined || profile.is_super || profile.apps.includes(app);
}
