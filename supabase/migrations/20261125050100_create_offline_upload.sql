-- Offline verification logs (protocol: verifiers upload when online). A gate
-- or POS that verified codes without network uploads what it saw; the
-- code-upload function re-verifies each code's signatures at the reported
-- time and records it here. Idempotent: an accepted event's id is the hash
-- of the code (upload_id), so uploading the same log twice adds nothing.

-- Records a batch from verification point p_point. p_events:
-- [{at (timestamptz), ok, reason, credential_id, member_id, counter, upload_id}],
-- already authenticated by the function. Returns {recorded, duplicates}.
-- Service role only.
create function public.code_record_offline(p_org uuid, p_point uuid, p_events jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_recorded integer;
  v_total integer := jsonb_array_length(p_events);
begin
  with incoming as (
    select * from jsonb_to_recordset(p_events)
      as x(at timestamptz, ok boolean, reason text, credential_id uuid, member_id uuid, counter bigint, upload_id text)
  ), fresh as (
    -- Accepted events are unique by upload_id (and by credential+counter); refused ones by (upload_id, at).
    select i.* from incoming i
     where (i.ok and not exists (select 1 from public.access_events e where e.org_id = p_org and e.ok
                                   and (e.upload_id = i.upload_id or (e.credential_id = i.credential_id and e.counter = i.counter))))
        or (not i.ok and not exists (select 1 from public.access_events e where e.org_id = p_org and not e.ok
                                       and e.upload_id = i.upload_id and e.at = i.at))
  )
  insert into public.access_events (org_id, point_id, member_id, credential_id, counter, ok, reason, mode, upload_id, at)
  select distinct on (upload_id, ok) p_org, p_point, member_id, credential_id, counter, ok, case when ok then null else coalesce(reason, 'refused') end,
         'offline', upload_id, at
    from fresh
  on conflict do nothing;
  get diagnostics v_recorded = row_count;
  return jsonb_build_object('recorded', v_recorded, 'duplicates', v_total - v_recorded);
end
$$;
revoke execute on function public.code_record_offline(uuid, uuid, jsonb) from public, anon, authenticated;
grant execute on function public.code_record_offline(uuid, uuid, jsonb) to service_role;
