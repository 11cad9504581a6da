// 电子卡 (cards): what an org issues and how it looks. Admins with the
// `cards` function insert, update and delete (RLS); the name is immutable
// after creation (a trigger refuses changes), so updates never send it.
// Images go through admin_upload_media and are served by the media function.
import { z } from 'zod';
import type { CardEntry, CardFace } from '@yima/shared/cards/card-design';
import { AppError, mapPostgrestError, unwrap } from './errors.ts';
import { backendConfig, supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';
import { t } from '../i18n/index.ts';

export interface CardTargeting {
  departments: string[];
  tags: string[];
}

export interface CardInfoItem {
  label: string;
  url: string;
}

export interface CardRow {
  id: string;
  org_id: string;
  name: string;
  subtitle: string | null;
  description: string | null;
  targeting: CardTargeting;
  logo_media_id: string | null;
  cover_media_id: string | null;
  face: CardFace;
  info_items: CardInfoItem[];
  entries: CardEntry[];
  created_at: string;
  updated_at: string;
}

/** Everything but the name and ids: what the designer saves. */
export type CardDesignPatch = Pick<CardRow, 'subtitle' | 'description' | 'targeting' | 'logo_media_id' | 'cover_media_id' | 'face' | 'info_items' | 'entries'>;

const COLUMNS = 'id, org_id, name, subtitle, description, targeting, logo_media_id, cover_media_id, face, info_items, entries, created_at, updated_at';
const forbidden = (status: number) => new AppError('forbidden', t('error.forbidden'), '42501', status);

// Rows written before the designer existed may lack keys: normalise here.
const normalise = (row: CardRow): CardRow => ({
  ...row,
  targeting: { departments: row.targeting?.departments ?? [], tags: row.targeting?.tags ?? [] },
  info_items: row.info_items ?? [],
  entries: row.entries ?? [],
});

export async function listCards(orgId: string): Promise<CardRow[]> {
  const rows = unwrap(await supabase().from('cards').select(COLUMNS).eq('org_id', orgId).order('created_at', { ascending: true }).overrideTypes<CardRow[], { merge: false }>());
  return rows.map(normalise);
}

export async function createCard(orgId: string, name: string, design: CardDesignPatch): Promise<CardRow> {
  const { data, error, status } = await supabase()
    .from('cards')
    .insert({ org_id: orgId, name, ...design })
    .select(COLUMNS)
    .overrideTypes<CardRow[], { merge: false }>();
  if (error) throw mapPostgrestError(error, status);
  const row = data?.[0];
  if (!row) throw forbidden(status);
  return normalise(row);
}

export async function updateCard(orgId: string, cardId: string, design: CardDesignPatch): Promise<CardRow> {
  const { data, error, status } = await supabase()
    .from('cards')
    .update(design)
    .eq('org_id', orgId)
    .eq('id', cardId)
    .select(COLUMNS)
    .overrideTypes<CardRow[], { merge: false }>();
  if (error) throw mapPostgrestError(error, status);
  const row = data?.[0];
  if (!row) throw forbidden(status);
  return normalise(row);
}

/** Irreversible: the card's credentials go with it (foreign key cascade). */
export async function deleteCard(orgId: string, cardId: string): Promise<void> {
  const { data, error, status } = await supabase().from('cards').delete().eq('org_id', orgId).eq('id', cardId).select('id');
  if (error) throw mapPostgrestError(error, status);
  if (!data || data.length === 0) throw forbidden(status);
}

/** Base64 of bytes without a data: prefix (what admin_upload_media takes). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Uploads checked image bytes; returns the media id. */
export async function uploadCardImage(orgId: string, purpose: 'card_logo' | 'card_cover' | 'app_logo', bytes: Uint8Array): Promise<string> {
  const id: unknown = unwrap(await supabase().rpc('admin_upload_media', { p_org: orgId, p_purpose: purpose, p_base64: toBase64(bytes) }));
  return parseResponse(z.string().min(1), id);
}

/** Public URL of an uploaded image (served by the media edge function). */
export function mediaUrl(mediaId: string): string {
  return `${backendConfig().supabaseUrl.replace(/\/$/, '')}/functions/v1/media/${mediaId}`;
}
