-- Card design (电子卡管理): logo and cover images, the face settings, up to 3
-- info items and 2 custom entries. Images live in a small media table (a
-- self-contained stand-in for object storage that works the same on hosted
-- and self-hosted Supabase); the public `media` function serves card images.
-- Error codes: YM220 image type, YM221 image too large, YM222 too many items.

create table public.media (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  purpose text not null check (purpose in ('card_logo', 'card_cover')),
  content_type text not null check (content_type in ('image/jpeg', 'image/png')),
  byte_size integer not null check (byte_size between 1 and 1048576),
  data bytea not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  unique (org_id, id)
);
comment on table public.media is 'Uploaded card images (logo, cover). Public through the media function; written only by admin_upload_media.';
create index media_org on public.media (org_id, created_at desc);

alter table public.media enable row level security;
create policy media_select_members on public.media for select to authenticated
  using (org_id in (select app_private.member_org_ids()));
revoke all on public.media from anon, authenticated;
-- Whole rows: card images are public through the media function anyway, and
-- column grants would break PostgREST's select=*.
grant select on public.media to authenticated;
grant all on public.media to service_role;

alter table public.cards
  add column logo_media_id uuid,
  add column cover_media_id uuid,
  add column face jsonb not null default '{"textPosition": "bottom-left", "fontSize": 16, "color": "#FFFFFF", "textShadow": true}'
    check (jsonb_typeof(face) = 'object'),
  add column info_items jsonb not null default '[]' check (jsonb_typeof(info_items) = 'array' and jsonb_array_length(info_items) <= 3),
  add column entries jsonb not null default '[]' check (jsonb_typeof(entries) = 'array' and jsonb_array_length(entries) <= 2),
  add foreign key (org_id, logo_media_id) references public.media(org_id, id),
  add foreign key (org_id, cover_media_id) references public.media(org_id, id);
comment on column public.cards.face is 'Text on the card face: {textPosition, fontSize, color, textShadow} (@yima/shared cardFaceSchema).';
comment on column public.cards.info_items is 'Up to 3 info items [{label, url}] shown under the card.';
comment on column public.cards.entries is 'Up to 2 custom entries: {type: h5, label, url} or {type: miniprogram, label, originalId, path, fallbackUrl}.';

-- Stores an image for a card after checking its real type (magic bytes) and
-- size; dimensions are checked by the console (@yima/shared checkCardImage).
-- Caller needs the cards function in the org. Returns the media id.
create function public.admin_upload_media(p_org uuid, p_purpose text, p_base64 text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_data bytea;
  v_type text;
  v_id uuid;
begin
  if not app_private.has_function(p_org, 'cards') then
    raise exception 'you need the cards permission to upload card images' using errcode = '42501';
  end if;
  begin
    v_data := decode(p_base64, 'base64');
  exception when others then
    raise exception 'the image must be sent as base64' using errcode = 'YM220';
  end;
  if length(v_data) > 1048576 then
    raise exception 'images may be at most 1 MB' using errcode = 'YM221';
  end if;
  v_type := case
    when substr(v_data, 1, 8) = '\x89504e470d0a1a0a'::bytea then 'image/png'
    when substr(v_data, 1, 3) = '\xffd8ff'::bytea then 'image/jpeg'
  end;
  if v_type is null then
    raise exception 'only JPG, JPEG or PNG images' using errcode = 'YM220';
  end if;
  insert into public.media (org_id, purpose, content_type, byte_size, data, created_by)
  values (p_org, p_purpose, v_type, length(v_data), v_data, auth.uid())
  returning id into v_id;
  return v_id;
end
$$;
revoke execute on function public.admin_upload_media(uuid, text, text) from public, anon;
grant execute on function public.admin_upload_media(uuid, text, text) to authenticated, service_role;
