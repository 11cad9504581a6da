-- Phones are personal data: admins see them masked by default
-- (members.phone_masked, 138****0001); the full number is readable only
-- through member_reveal_pii, which audits every reveal. API roles lose the
-- SELECT privilege on members.phone (they may still write it); the edge
-- functions (service role) keep it for SMS login, claims and delivery.

alter table public.members add column phone_masked text
  generated always as (case when phone is null then null else left(phone, 3) || '****' || right(phone, 4) end) stored;
comment on column public.members.phone_masked is 'The phone as admins see it by default; the full number through member_reveal_pii (audited).';

revoke select on public.members from authenticated, anon;
do $$
declare v_columns text;
begin
  select string_agg(quote_ident(attname), ', ' order by attnum) into v_columns
    from pg_attribute where attrelid = 'public.members'::regclass and attnum > 0 and not attisdropped and attname <> 'phone';
  execute format('grant select (%s) on public.members to authenticated', v_columns);
end
$$;
