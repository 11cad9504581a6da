-- Card targeting (领卡条件): a card's targeting {departments: [...], tags: [...]}
-- decides who may get it; empty lists mean everyone. Enrolment picks the
-- first card that targets the member, or refuses with YM207.

-- Whether card p_card is issued to member p_member: no targeting, or the
-- member is in one of the listed department subtrees, or carries a listed tag.
create function app_private.card_targets_member(p_card public.cards, p_member public.members) returns boolean
language sql stable security definer set search_path = '' as $$
  select (coalesce(jsonb_array_length(p_card.targeting -> 'departments'), 0) = 0
          and coalesce(jsonb_array_length(p_card.targeting -> 'tags'), 0) = 0)
      or exists (select 1 from public.departments d, public.departments root
                  where d.id = p_member.department_id and root.org_id = p_card.org_id
                    and root.id in (select jsonb_array_elements_text(coalesce(p_card.targeting -> 'departments', '[]'))::uuid)
                    and d.path operator(extensions.<@) root.path)
      or exists (select 1 from public.tag_members tm
                  where tm.org_id = p_card.org_id and tm.member_id = p_member.id
                    and tm.tag_id in (select jsonb_array_elements_text(coalesce(p_card.targeting -> 'tags', '[]'))::uuid))
$$;

create or replace function public.code_enroll_begin(p_account uuid, p_org uuid, p_card uuid default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  m public.members;
  s public.code_settings;
  v_card public.cards;
  k app_private.issuer_keys;
begin
  select * into m from public.members where org_id = p_org and account_id = p_account;
  if m.id is null then
    raise exception 'you have not claimed a card in this organisation' using errcode = 'YM203';
  end if;
  if m.status <> 'active' then
    raise exception 'this member is % and cannot show a code', m.status using errcode = 'YM203';
  end if;
  perform pg_advisory_xact_lock(hashtextextended('issuer:' || p_org::text, 0));
  if p_card is not null then
    select * into v_card from public.cards where org_id = p_org and id = p_card;
    if v_card.id is null then
      raise exception 'card % not found in this organisation', p_card using errcode = 'YM204';
    end if;
    if not app_private.card_targets_member(v_card, m) then
      raise exception 'the card % is not issued to you; ask an admin', v_card.name using errcode = 'YM207';
    end if;
  else
    -- The first card whose targeting includes this member.
    select c.* into v_card from public.cards c
     where c.org_id = p_org and app_private.card_targets_member(c, m)
     order by c.created_at, c.id limit 1;
    if v_card.id is null then
      if exists (select 1 from public.cards where org_id = p_org) then
        raise exception 'no card of this organisation is issued to you; ask an admin' using errcode = 'YM207';
      end if;
      insert into public.cards (org_id, name) values (p_org, '员工卡') returning * into v_card;
    end if;
  end if;
  select * into s from public.code_settings where org_id = p_org;
  k := app_private.signing_issuer_key(p_org);
  return jsonb_build_object(
    'member_id', m.id,
    'card_id', v_card.id,
    'scopes', coalesce(v_card.scopes, s.default_scopes),
    'step_seconds', s.step_seconds,
    'validity_seconds', s.offline_validity_hours * 3600,
    'offline_cap_fen', s.default_offline_cap_fen,
    'key', case when k.id is null then null else jsonb_build_object(
      'key_id', k.key_id,
      'public_key', encode(k.public_key, 'hex'),
      'secret_key', encode(extensions.pgp_sym_decrypt_bytea(k.secret_cipher, app_private.pii_passphrase()), 'hex')) end,
    'standby_missing', not exists (select 1 from app_private.issuer_keys
                                    where org_id = p_org and status = 'active' and not signing and not_after is null)
  );
end
$$;
