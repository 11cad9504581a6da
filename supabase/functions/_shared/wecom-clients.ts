// WeCom clients per organisation, built from org_auth_settings (corp id) and
// the org's secrets, cached so each keeps its access token between requests.
// Used by WeCom login and by the notice dispatcher.
import type { SupabaseClient } from '@supabase/supabase-js';
import { WecomClient } from './adapters/wecom.adapter.ts';
import { throwDbError } from './db-errors.ts';
import type { FunctionEnv } from './env.ts';

export interface OrgWecom {
  orgId: string;
  corpId: string;
  client: WecomClient;
  /** The app (AgentId) that sends messages; absent until an admin sets it. */
  agentId?: string;
}

export function createWecomClients(db: SupabaseClient, env: FunctionEnv) {
  const cache = new Map<string, WecomClient>();

  async function build(orgId: string, corpId: string): Promise<OrgWecom | null> {
    const { data, error } = await db.rpc('org_secret', { p_org: orgId, p_name: 'wecom_corp_secret' });
    if (error) throwDbError(error, 'org_secret');
    if (!data) return null;
    const agent = await db.rpc('org_secret', { p_org: orgId, p_name: 'wecom_agent_id' });
    if (agent.error) throwDbError(agent.error, 'org_secret');
    const key = `${corpId}:${data}`;
    let client = cache.get(key);
    if (!client) {
      client = new WecomClient({ corpId, corpSecret: data as string, baseUrl: env.wecom.apiBase });
      cache.set(key, client);
    }
    return { orgId, corpId, client, agentId: (agent.data as string | null) ?? undefined };
  }

  return {
    /** The org using this corp id and its client; `org: null` when no org uses the corp, `wecom: null` when unconfigured. */
    async forCorp(corpId: string): Promise<{ orgId: string | null; wecom: OrgWecom | null }> {
      const { data, error } = await db.from('org_auth_settings').select('org_id').eq('wecom_corp_id', corpId).maybeSingle();
      if (error) throwDbError(error, 'org_auth_settings');
      if (!data) return { orgId: null, wecom: null };
      return { orgId: data.org_id as string, wecom: await build(data.org_id as string, corpId) };
    },
    async forOrg(orgId: string): Promise<OrgWecom | null> {
      const { data, error } = await db.from('org_auth_settings').select('wecom_corp_id').eq('org_id', orgId).maybeSingle();
      if (error) throwDbError(error, 'org_auth_settings');
      return data?.wecom_corp_id ? build(orgId, data.wecom_corp_id as string) : null;
    },
  };
}
