// 访客: the visit-* edge functions and the visit tables (RLS: the host, admins
// of the visit's site and config admins read a visit). visit-apply and
// visit-pass are called WITHOUT sign-in (the visitor has no account: the
// link's token is the authority), so they send the anon key as bearer.
import type { VisitorBody } from '../lib/visits';
import { invokeFunction, malformed } from './auth-api';
import { getRuntimeConfig } from './config.service';
import { fromPostgrestError } from './errors';
import { callFunction, functionPath } from './payment-api';
import { getSupabase } from './supabase.client';

async function callAnonymous(path: string, method: 'GET' | 'POST', body?: Record<string, unknown>): Promise<unknown> {
  const [supabase, config] = await Promise.all([getSupabase(), getRuntimeConfig()]);
  return invokeFunction(supabase, config.anonKey, path, { auth: 'anon', method, ...(body ? { body } : {}) });
}

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const one = <T,>(value: T | T[] | null | undefined): T | null => (Array.isArray(value) ? (value[0] ?? null) : (value ?? null));

export interface Site {
  id: string;
  name: string;
  address: string | null;
}

export interface ApplyContext {
  orgName: string;
  host: { id: string | null; name: string };
  sites: Site[];
  identityTypes: string[];
  requireIdCard: boolean;
  maxWindowHours: number | null;
  /** The org's custom form (a FormDefinition, checked by the page), or null. */
  applyForm: unknown;
}

export interface VisitSummary {
  id: string;
  status: string;
  visitorName: string | null;
  hostName: string | null;
  siteName: string | null;
  orgName: string | null;
  windowFrom: string;
  windowUntil: string;
  companions: number;
}

export interface VisitPass {
  visit: VisitSummary;
  /** The pass code (`YM1:...`); null while pending. */
  code: string | null;
}

/** A visits row as the host / site admin reads it. */
export interface VisitRow {
  id: string;
  siteId: string | null;
  hostMemberId: string;
  source: string;
  status: string;
  visitorName: string;
  visitorPhone: string | null;
  visitorCompany: string | null;
  identityType: string | null;
  purpose: string | null;
  companions: number;
  windowFrom: string;
  windowUntil: string;
  approvalLevel: number;
  rejectReason: string | null;
  createdAt: string;
  siteName: string | null;
  hostName: string | null;
}

export interface MemberHit {
  id: string;
  name: string;
  employeeNo: string | null;
}

export interface InviteResult {
  visitId: string;
  status: string;
  visitorUrl: string;
  sms: string | null;
}

export interface ApplyLink {
  url: string;
  token: string;
  expiresIn: number | null;
}

export function parseApplyContext(body: unknown): ApplyContext {
  const v = (body ?? {}) as Record<string, unknown>;
  const host = (v.host ?? {}) as Record<string, unknown>;
  if (typeof host.name !== 'string') throw malformed('visit-apply GET: missing host');
  const sites = Array.isArray(v.sites) ? (v.sites as Array<Record<string, unknown>>) : [];
  return {
    orgName: str(v.org_name) ?? '',
    host: { id: str(host.id), name: host.name },
    sites: sites.filter((s) => str(s?.id)).map((s) => ({ id: s.id as string, name: str(s.name) ?? '', address: str(s.address) })),
    identityTypes: Array.isArray(v.identity_types) ? v.identity_types.filter((x): x is string => typeof x === 'string') : [],
    requireIdCard: v.require_id_card === true,
    maxWindowHours: typeof v.max_window_hours === 'number' ? v.max_window_hours : null,
    applyForm: v.apply_form ?? null,
  };
}

export function parseVisitSummary(value: unknown): VisitSummary {
  const v = (value ?? {}) as Record<string, unknown>;
  if (!str(v.id) || !str(v.status)) throw malformed('visit: missing id or status');
  return {
    id: v.id as string,
    status: v.status as string,
    visitorName: str(v.visitor_name),
    hostName: str(v.host_name),
    siteName: str(v.site_name),
    orgName: str(v.org_name),
    windowFrom: str(v.window_from) ?? '',
    windowUntil: str(v.window_until) ?? '',
    companions: typeof v.companions === 'number' ? v.companions : 0,
  };
}

/** The `t` of a visitor_url (`<H5>#/pages/visitor/pass?t=...`). */
export function tokenOfUrl(url: string): string | null {
  const query = url.slice(url.indexOf('?') + 1);
  for (const part of query.split('&')) {
    const [key, value] = part.split('=');
    if (key === 't' && value) {
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return null;
}

interface RawVisitRow {
  id: string; site_id: string | null; host_member_id: string; source: string; status: string; visitor_name: string;
  visitor_phone: string | null; visitor_company: string | null; identity_type: string | null; purpose: string | null;
  companions: number | null; window_from: string; window_until: string; approval_level: number | null; reject_reason: string | null;
  created_at: string; site: { name: string } | Array<{ name: string }> | null; host: { name: string } | Array<{ name: string }> | null;
}

const VISIT_COLUMNS =
  'id, site_id, host_member_id, source, status, visitor_name, visitor_phone, visitor_company, identity_type, purpose, companions, ' +
  'window_from, window_until, approval_level, reject_reason, created_at, site:sites(name), host:members(name)';

function toVisitRow(row: RawVisitRow): VisitRow {
  return {
    id: row.id,
    siteId: row.site_id,
    hostMemberId: row.host_member_id,
    source: row.source,
    status: row.status,
    visitorName: row.visitor_name,
    visitorPhone: row.visitor_phone ?? null,
    visitorCompany: row.visitor_company ?? null,
    identityType: row.identity_type ?? null,
    purpose: row.purpose ?? null,
    companions: row.companions ?? 0,
    windowFrom: row.window_from,
    windowUntil: row.window_until,
    approvalLevel: row.approval_level ?? 0,
    rejectReason: row.reject_reason ?? null,
    createdAt: row.created_at,
    siteName: one(row.site)?.name ?? null,
    hostName: one(row.host)?.name ?? null,
  };
}

export interface MemberRef {
  orgId: string;
  memberId: string;
}

export const visitService = {
  // ------------------------------------------------------------ no sign-in
  /** GET visit-apply?t= : the org, host, sites, identity types and custom form behind a host's link. */
  async applyContext(token: string): Promise<ApplyContext> {
    return parseApplyContext(await callAnonymous(functionPath('visit-apply', { t: token }), 'GET'));
  },

  /** POST visit-apply {t, ...visitor, answers?}: a pending application; the pass link to follow it. */
  async apply(token: string, visitor: VisitorBody, answers?: Record<string, unknown>): Promise<{ visit: VisitSummary; visitorUrl: string }> {
    const body = (await callAnonymous('visit-apply', 'POST', { t: token, ...visitor, ...(answers && Object.keys(answers).length ? { answers } : {}) })) as Record<string, unknown>;
    if (!str(body?.visitor_url)) throw malformed('visit-apply POST: missing visitor_url');
    return { visit: parseVisitSummary(body.visit), visitorUrl: body.visitor_url as string };
  },

  /** GET visit-pass?t= : the visit and its pass code (null while pending). */
  async pass(token: string): Promise<VisitPass> {
    const body = (await callAnonymous(functionPath('visit-pass', { t: token }), 'GET')) as Record<string, unknown>;
    return { visit: parseVisitSummary(body?.visit), code: str(body?.code) };
  },

  // -------------------------------------------------------------- signed in
  /** POST visit-invite: the host registers a visitor. */
  async invite(visitor: VisitorBody): Promise<InviteResult> {
    const body = (await callFunction('visit-invite', 'POST', { ...visitor })) as Record<string, unknown>;
    const visit = (body?.visit ?? {}) as Record<string, unknown>;
    const pass = (body?.pass ?? null) as Record<string, unknown> | null;
    if (!str(visit.id) || !str(body?.visitor_url)) throw malformed('visit-invite: missing visit.id or visitor_url');
    return { visitId: visit.id as string, status: str(visit.status) ?? 'pending', visitorUrl: body.visitor_url as string, sms: str(pass?.sms) };
  },

  /** POST visit-link {}: my shareable apply link. */
  async link(): Promise<ApplyLink> {
    const body = (await callFunction('visit-link', 'POST', {})) as Record<string, unknown>;
    if (!str(body?.url) || !str(body?.token)) throw malformed('visit-link: missing url or token');
    return { url: body.url as string, token: body.token as string, expiresIn: typeof body.expires_in === 'number' ? body.expires_in : null };
  },

  /** POST visit-decide: approve, or reject with a reason. */
  async decide(visitId: string, decision: 'approved' | 'rejected', comment?: string): Promise<{ status: string | null }> {
    const body = (await callFunction('visit-decide', 'POST', {
      visit_id: visitId, decision, ...(comment?.trim() ? { comment: comment.trim() } : {}),
    })) as Record<string, unknown>;
    return { status: str((body?.visit as Record<string, unknown> | undefined)?.status) };
  },

  /** POST visit-walk-in (guards): the visitor is checked in at once. */
  async walkIn(hostMemberId: string, visitor: VisitorBody): Promise<{ visitId: string | null; status: string | null }> {
    const body = (await callFunction('visit-walk-in', 'POST', { host_member_id: hostMemberId, ...visitor })) as Record<string, unknown>;
    const visit = (body?.visit ?? {}) as Record<string, unknown>;
    return { visitId: str(visit.id), status: str(visit.status) };
  },

  /** rpc visit_cancel (host or config admin; pending / approved only). */
  async cancel(visitId: string, reason: string | null): Promise<void> {
    const supabase = await getSupabase();
    const { error, status } = await supabase.rpc('visit_cancel', { p_visit: visitId, p_reason: reason });
    if (error) throw fromPostgrestError(error, status);
  },

  /** rpc visit_checkout (guards): 签离. */
  async checkout(visitId: string): Promise<void> {
    const supabase = await getSupabase();
    const { error, status } = await supabase.rpc('visit_checkout', { p_visit: visitId });
    if (error) throw fromPostgrestError(error, status);
  },

  /** Visits I host, newest first (named explicitly: RLS shows site and config admins more). */
  async listHosted(me: MemberRef, limit = 100): Promise<VisitRow[]> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('visits')
      .select(VISIT_COLUMNS)
      .eq('org_id', me.orgId)
      .eq('host_member_id', me.memberId)
      .order('created_at', { ascending: false })
      .limit(limit);
    if (error) throw fromPostgrestError(error, status);
    return ((data ?? []) as unknown as RawVisitRow[]).map(toVisitRow);
  },

  /** The sites I administer (my own site_admins rows). */
  async mySiteIds(me: MemberRef): Promise<string[]> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase.from('site_admins').select('site_id').eq('org_id', me.orgId).eq('member_id', me.memberId);
    if (error) throw fromPostgrestError(error, status);
    return ((data ?? []) as Array<{ site_id: string }>).map((row) => row.site_id);
  },

  /** Visits of my sites waiting at the site admins' level (2). */
  async pendingForSites(orgId: string, siteIds: string[]): Promise<VisitRow[]> {
    if (!siteIds.length) return [];
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('visits')
      .select(VISIT_COLUMNS)
      .eq('org_id', orgId)
      .in('site_id', siteIds)
      .eq('status', 'pending')
      .eq('approval_level', 2)
      .order('created_at', { ascending: false });
    if (error) throw fromPostgrestError(error, status);
    return ((data ?? []) as unknown as RawVisitRow[]).map(toVisitRow);
  },

  /** The org's active sites (members read them). */
  async sites(orgId: string): Promise<Site[]> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase.from('sites').select('id, name, address').eq('org_id', orgId).eq('active', true).order('name');
    if (error) throw fromPostgrestError(error, status);
    return ((data ?? []) as Array<{ id: string; name: string; address: string | null }>).map((s) => ({ id: s.id, name: s.name, address: s.address ?? null }));
  },

  /** The org's visitor settings (identity types, ID-card rule); defaults when the org has none. */
  async settings(orgId: string): Promise<{ identityTypes: string[]; requireIdCard: boolean; maxWindowHours: number }> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('visitor_settings')
      .select('identity_types, require_id_card, max_window_hours')
      .eq('org_id', orgId)
      .maybeSingle<{ identity_types: string[] | null; require_id_card: boolean | null; max_window_hours: number | null }>();
    if (error) throw fromPostgrestError(error, status);
    return {
      identityTypes: data?.identity_types ?? [],
      requireIdCard: data?.require_id_card === true,
      maxWindowHours: data?.max_window_hours ?? 72,
    };
  },

  /** Members by name (RLS lets admins read them; a plain member sees only a few rows or none). */
  async searchMembers(orgId: string, text: string): Promise<MemberHit[]> {
    const needle = text.trim().replace(/[%_,()]/g, '');
    if (!needle) return [];
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('members')
      .select('id, name, employee_no')
      .eq('org_id', orgId)
      .ilike('name', `%${needle}%`)
      .order('name')
      .limit(20);
    if (error) throw fromPostgrestError(error, status);
    return ((data ?? []) as Array<{ id: string; name: string; employee_no: string | null }>).map((m) => ({ id: m.id, name: m.name, employeeNo: m.employee_no ?? null }));
  },

  /** One member by employee number (the fallback when a name search finds nobody). */
  async memberByEmployeeNo(orgId: string, employeeNo: string): Promise<MemberHit | null> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('members')
      .select('id, name, employee_no')
      .eq('org_id', orgId)
      .eq('employee_no', employeeNo.trim())
      .maybeSingle<{ id: string; name: string; employee_no: string | null }>();
    if (error) throw fromPostgrestError(error, status);
    return data ? { id: data.id, name: data.name, employeeNo: data.employee_no ?? null } : null;
  },
};

export type VisitService = typeof visitService;
