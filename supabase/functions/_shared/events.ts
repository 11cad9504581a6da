// Shared by event-screen and event-checkin: an event's projected-code key
// (cached briefly; it never changes) and the caller's member row there.
import type { SupabaseClient } from '@supabase/supabase-js';
import { throwDbError } from './db-errors.ts';
import { HttpError } from './http.ts';

export interface EventKey { event_id: string; org_id: string; secret: string; step_seconds: number }

export function createEventKeys(db: SupabaseClient) {
  const cache = new Map<string, { key: EventKey; at: number }>();
  return async function eventKey(eventId: string): Promise<EventKey> {
    const hit = cache.get(eventId);
    if (hit && Date.now() - hit.at < 30_000) return hit.key;
    const { data, error } = await db.rpc('event_secret', { p_event: eventId });
    if (error) throwDbError(error, 'event_secret');
    if (!data) throw new HttpError(404, 'event_not_found', '没有这个活动 (no such event)');
    if (cache.size > 5_000) cache.clear();
    cache.set(eventId, { key: data as EventKey, at: Date.now() });
    return data as EventKey;
  };
}
