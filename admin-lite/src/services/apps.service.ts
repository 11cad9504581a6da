// 应用管理: the built-in apps an org has enabled (org_apps; no row = not
// enabled) and its self-built apps (custom_apps: an H5 link or a
// mini-program). RLS: super admins and admins with the `apps` function write;
// members read. Logos go through admin_upload_media like card logos.
import { unwrap } from './errors.ts';
import { deleted, single } from './crud.ts';
import { uploadCardImage } from './cards.service.ts';
import { supabase } from './supabase-client.ts';

export interface OrgAppRow {
  org_id: string;
  app_key: string;
  enabled: boolean;
  config: Record<string, unknown>;
}

export type LinkType = 'h5' | 'miniprogram';

export interface CustomAppRow {
  id: string;
  org_id: string;
  name: string;
  description: string | null;
  logo_media_id: string | null;
  link_type: LinkType;
  /** H5: the link; mini-program: the fallback link (optional). */
  url: string | null;
  /** gh_ + 12 hex (original id) or wx + 16 hex (AppID). */
  mp_appid: string | null;
  mp_path: string | null;
  enabled: boolean;
}
export type CustomAppInput = Omit<CustomAppRow, 'id' | 'org_id'>;

const ORG_APP_COLUMNS = 'org_id, app_key, enabled, config';
const CUSTOM_COLUMNS = 'id, org_id, name, description, logo_media_id, link_type, url, mp_appid, mp_path, enabled';

export async function listOrgApps(orgId: string): Promise<OrgAppRow[]> {
  return unwrap(await supabase().from('org_apps').select(ORG_APP_COLUMNS).eq('org_id', orgId).overrideTypes<OrgAppRow[], { merge: false }>());
}

/** Enables or disables a built-in app: an upsert that leaves its config as it is. */
export async function setOrgAppEnabled(orgId: string, appKey: string, enabled: boolean): Promise<OrgAppRow> {
  return single(
    await supabase()
      .from('org_apps')
      .upsert({ org_id: orgId, app_key: appKey, enabled }, { onConflict: 'org_id,app_key' })
      .select(ORG_APP_COLUMNS)
      .overrideTypes<OrgAppRow[], { merge: false }>(),
  );
}

export async function listCustomApps(orgId: string): Promise<CustomAppRow[]> {
  return unwrap(await supabase().from('custom_apps').select(CUSTOM_COLUMNS).eq('org_id', orgId).order('name', { ascending: true }).overrideTypes<CustomAppRow[], { merge: false }>());
}

export async function createCustomApp(orgId: string, input: CustomAppInput): Promise<CustomAppRow> {
  return single(await supabase().from('custom_apps').insert({ org_id: orgId, ...input }).select(CUSTOM_COLUMNS).overrideTypes<CustomAppRow[], { merge: false }>());
}

export async function updateCustomApp(orgId: string, appId: string, patch: Partial<CustomAppInput>): Promise<CustomAppRow> {
  return single(await supabase().from('custom_apps').update(patch).eq('org_id', orgId).eq('id', appId).select(CUSTOM_COLUMNS).overrideTypes<CustomAppRow[], { merge: false }>());
}

/** Deletes a self-built app; its service-hall entries go with it (cascade). */
export async function deleteCustomApp(orgId: string, appId: string): Promise<void> {
  deleted(await supabase().from('custom_apps').delete().eq('org_id', orgId).eq('id', appId).select('id'));
}

/** Uploads a checked logo (PNG/JPEG ≤ 1 MB) as an app logo (allowed with the apps function); returns the media id. */
export function uploadAppLogo(orgId: string, bytes: Uint8Array): Promise<string> {
  return uploadCardImage(orgId, 'app_logo', bytes);
}
