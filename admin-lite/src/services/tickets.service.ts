// 工单 (support tickets with SLA clocks): read through PostgREST (RLS:
// operators see every ticket, an org's super admins their own org's),
// opened with ticket_open, handled by operators with ticket_respond /
// ticket_resolve, and the monthly breach report (ticket_breaches_by_month).
import { SEVERITIES, type Severity } from '@yima/shared';
import { z } from 'zod';
import { unwrap } from './errors.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

export { SEVERITIES, type Severity };
export const TICKET_STATUSES = ['open', 'responded', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** Tickets still on the clock (respond / resolve allowed). */
export const ACTIVE_STATUSES: ReadonlySet<string> = new Set(['open', 'responded']);

const int = z.coerce.number().int();

const TicketSchema = z.object({
  id: z.string(),
  org_id: z.string().nullable(),
  customer_name: z.string(),
  region: z.string().nullable(),
  organisation_name: z.string(),
  phone: z.string(),
  product: z.string(),
  description: z.string(),
  years_of_use: int.nullable(),
  severity: z.enum(SEVERITIES),
  status: z.enum(TICKET_STATUSES),
  opened_at: z.string(),
  respond_due: z.string(),
  resolve_due: z.string(),
  first_response_at: z.string().nullable(),
  resolved_at: z.string().nullable(),
  resolution: z.string().nullable(),
  escalation_level: int,
  breached_response: z.boolean(),
  breached_resolution: z.boolean(),
});
export type TicketRow = z.infer<typeof TicketSchema>;

const COLUMNS =
  'id, org_id, customer_name, region, organisation_name, phone, product, description, years_of_use, severity, status, opened_at, respond_due, resolve_due, first_response_at, resolved_at, resolution, escalation_level, breached_response, breached_resolution';

export const TICKETS_LIMIT = 200;

export interface TicketFilter {
  /** Only this org's tickets (the super-admin view); absent = all the caller may see. */
  orgId?: string;
  status?: TicketStatus;
  severity?: Severity;
  /** Opened in [fromIso, untilIso). */
  fromIso: string;
  untilIso: string;
}

/** Newest first, at most TICKETS_LIMIT. */
export async function listTickets(filter: TicketFilter): Promise<TicketRow[]> {
  let request = supabase().from('support_tickets').select(COLUMNS).gte('opened_at', filter.fromIso).lt('opened_at', filter.untilIso);
  if (filter.orgId) request = request.eq('org_id', filter.orgId);
  if (filter.status) request = request.eq('status', filter.status);
  if (filter.severity) request = request.eq('severity', filter.severity);
  const rows: unknown = unwrap(await request.order('opened_at', { ascending: false }).limit(TICKETS_LIMIT));
  return parseResponse(z.array(TicketSchema), rows);
}

const EventSchema = z.object({
  id: int,
  ticket_id: z.string(),
  kind: z.enum(['opened', 'responded', 'escalated', 'resolved', 'closed', 'comment']),
  note: z.string().nullable(),
  actor_account_id: z.string().nullable(),
  at: z.string(),
});
export type TicketEvent = z.infer<typeof EventSchema>;

export async function listTicketEvents(ticketId: string): Promise<TicketEvent[]> {
  const rows: unknown = unwrap(await supabase().from('ticket_events').select('id, ticket_id, kind, note, actor_account_id, at').eq('ticket_id', ticketId).order('id', { ascending: true }));
  return parseResponse(z.array(EventSchema), rows);
}

export interface NewTicket {
  /** The org the ticket is about (a super admin: their own; operators: optional). */
  org_id?: string;
  customer_name: string;
  region?: string;
  organisation_name: string;
  phone: string;
  product: string;
  description: string;
  years_of_use?: number;
  severity: Severity;
}

export async function openTicket(ticket: NewTicket): Promise<TicketRow> {
  return parseResponse(TicketSchema, unwrap(await supabase().rpc('ticket_open', { p_ticket: ticket })));
}

/** 响应 (operators): records the first response with a note. */
export async function respondTicket(ticketId: string, note: string): Promise<TicketRow> {
  return parseResponse(TicketSchema, unwrap(await supabase().rpc('ticket_respond', { p_ticket: ticketId, p_note: note })));
}

/** 解决 (operators): the resolution must say what was done (at least 5 characters). */
export async function resolveTicket(ticketId: string, resolution: string): Promise<TicketRow> {
  return parseResponse(TicketSchema, unwrap(await supabase().rpc('ticket_resolve', { p_ticket: ticketId, p_resolution: resolution })));
}

const BreachRowSchema = z.object({ month: z.string(), opened: int, response_breaches: int, resolution_breaches: int });
export type BreachRow = z.infer<typeof BreachRowSchema>;

/** Per month ('YYYY-MM', China time) between two days, both included (operators). */
export async function breachesByMonth(fromDate: string, untilDate: string): Promise<BreachRow[]> {
  const rows: unknown = unwrap(await supabase().rpc('ticket_breaches_by_month', { p_from: fromDate, p_to: untilDate }));
  return parseResponse(z.array(BreachRowSchema), rows);
}
