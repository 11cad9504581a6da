// 服务大厅 (portal): the service-hall categories of my card (portal_for_me:
// RLS-visible categories, disabled apps removed), and the card id of my live
// credential when the phone does not hold one yet.
import { fromPostgrestError } from './errors';
import { getSupabase } from './supabase.client';

export interface MemberRef {
  orgId: string;
  memberId: string;
}

export interface PortalEntry {
  id: string;
  kind: 'app' | 'custom_app' | 'link';
  appKey: string | null;
  name: string | null;
  description: string | null;
  logoMediaId: string | null;
  linkType: 'h5' | 'miniprogram' | null;
  url: string | null;
  mpAppid: string | null;
  mpPath: string | null;
}

export interface PortalCategory {
  id: string;
  name: string;
  entries: PortalEntry[];
}

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const KINDS = new Set(['app', 'custom_app', 'link']);

export function parsePortal(data: unknown): PortalCategory[] {
  return (Array.isArray(data) ? data : [])
    .filter((c: Record<string, unknown>) => str(c?.id))
    .map((c: Record<string, unknown>) => ({
      id: c.id as string,
      name: str(c.name) ?? '',
      entries: (Array.isArray(c.entries) ? c.entries : [])
        .filter((e: Record<string, unknown>) => str(e?.id) && KINDS.has(String(e.kind)))
        .map((e: Record<string, unknown>) => ({
          id: e.id as string,
          kind: e.kind as PortalEntry['kind'],
          appKey: str(e.app_key),
          name: str(e.name),
          description: str(e.description),
          logoMediaId: str(e.logo_media_id),
          linkType: e.link_type === 'h5' || e.link_type === 'miniprogram' ? e.link_type : null,
          url: str(e.url),
          mpAppid: str(e.mp_appid),
          mpPath: str(e.mp_path),
        })),
    }));
}

export const portalService = {
  /** rpc portal_for_me(p_card): categories with their entries, in display order. */
  async forMe(cardId: string): Promise<PortalCategory[]> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase.rpc('portal_for_me', { p_card: cardId });
    if (error) throw fromPostgrestError(error, status);
    return parsePortal(data);
  },

  /** The card of my newest live credential (RLS: my own rows); null when I have none. */
  async liveCardId(me: MemberRef): Promise<string | null> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('credentials')
      .select('card_id')
      .eq('org_id', me.orgId)
      .eq('member_id', me.memberId)
      .is('revoked_at', null)
      .order('created_at', { ascending: false })
      .limit(1)
      .maybeSingle<{ card_id: string }>();
    if (error) throw fromPostgrestError(error, status);
    return data?.card_id ?? null;
  },
};

export type PortalService = typeof portalService;
