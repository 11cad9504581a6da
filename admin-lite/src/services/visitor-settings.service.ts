// 访客设置: the org's visitor_settings row (created with the org; config
// admins update it), its sites (园区, 厂区…) and each site's admins, who
// approve the second level and see the site's visits. RLS: config admins
// (super admins or admins with the `config` function) write.
import type { FormDefinition } from '@yima/shared';
import { t } from '../i18n/index.ts';
import { AppError, mapPostgrestError, unwrap } from './errors.ts';
import { deleted, single } from './crud.ts';
import { supabase } from './supabase-client.ts';

export interface VisitorSettings {
  org_id: string;
  identity_types: string[];
  approval_levels: 1 | 2;
  invite_needs_approval: boolean;
  /** Days after a visit ends before ID-card numbers, phones and answers are purged. */
  retention_days: number;
  max_window_hours: number;
  require_id_card: boolean;
  /** Extra fields of the application form; null = only the built-in fields. */
  apply_form: FormDefinition | null;
}
export type VisitorSettingsInput = Omit<VisitorSettings, 'org_id' | 'apply_form'>;

export interface SiteRow {
  id: string;
  org_id: string;
  name: string;
  address: string | null;
  active: boolean;
}
export type SiteInput = Pick<SiteRow, 'name' | 'address' | 'active'>;

export interface SiteAdminRow {
  site_id: string;
  member_id: string;
  name: string | null;
  employee_no: string | null;
}

const SETTINGS_COLUMNS = 'org_id, identity_types, approval_levels, invite_needs_approval, retention_days, max_window_hours, require_id_card, apply_form';
const SITE_COLUMNS = 'id, org_id, name, address, active';

export async function getVisitorSettings(orgId: string): Promise<VisitorSettings> {
  const rows = unwrap(await supabase().from('visitor_settings').select(SETTINGS_COLUMNS).eq('org_id', orgId).overrideTypes<VisitorSettings[], { merge: false }>());
  const row = rows[0];
  if (!row) throw new AppError('not-found', t('error.notFound'), 'P0002', 200);
  return row;
}

/** Updates the settings (the row always exists); `apply_form` is saved by the form designer. */
export async function updateVisitorSettings(orgId: string, patch: Partial<VisitorSettingsInput> | { apply_form: FormDefinition | null }): Promise<VisitorSettings> {
  return single(await supabase().from('visitor_settings').update(patch).eq('org_id', orgId).select(SETTINGS_COLUMNS).overrideTypes<VisitorSettings[], { merge: false }>());
}

export async function listSites(orgId: string): Promise<SiteRow[]> {
  return unwrap(await supabase().from('sites').select(SITE_COLUMNS).eq('org_id', orgId).order('name', { ascending: true }).overrideTypes<SiteRow[], { merge: false }>());
}

export async function createSite(orgId: string, input: SiteInput): Promise<SiteRow> {
  return single(await supabase().from('sites').insert({ org_id: orgId, ...input }).select(SITE_COLUMNS).overrideTypes<SiteRow[], { merge: false }>());
}

export async function updateSite(orgId: string, siteId: string, patch: Partial<SiteInput>): Promise<SiteRow> {
  return single(await supabase().from('sites').update(patch).eq('org_id', orgId).eq('id', siteId).select(SITE_COLUMNS).overrideTypes<SiteRow[], { merge: false }>());
}

/** Deletes a site: its admins go with it; visits and devices keep their rows without a site. */
export async function deleteSite(orgId: string, siteId: string): Promise<void> {
  deleted(await supabase().from('sites').delete().eq('org_id', orgId).eq('id', siteId).select('id'));
}

interface RawSiteAdmin {
  site_id: string;
  member_id: string;
  members: { name: string; employee_no: string | null } | null;
}

export async function listSiteAdmins(orgId: string, siteId: string): Promise<SiteAdminRow[]> {
  const rows = unwrap(
    await supabase().from('site_admins').select('site_id, member_id, members(name, employee_no)').eq('org_id', orgId).eq('site_id', siteId).overrideTypes<RawSiteAdmin[], { merge: false }>(),
  );
  return rows.map(({ members, ...row }) => ({ ...row, name: members?.name ?? null, employee_no: members?.employee_no ?? null }));
}

export async function addSiteAdmin(orgId: string, siteId: string, memberId: string): Promise<void> {
  const { error, status } = await supabase().from('site_admins').insert({ org_id: orgId, site_id: siteId, member_id: memberId });
  if (error) throw mapPostgrestError(error, status);
}

export async function removeSiteAdmin(orgId: string, siteId: string, memberId: string): Promise<void> {
  deleted(await supabase().from('site_admins').delete().eq('org_id', orgId).eq('site_id', siteId).eq('member_id', memberId).select('member_id'));
}
