-- Cancelling a scheduled notice (a manager sets status 'cancelled', which
-- notices_update_managers allows while it is scheduled) must also stop its
-- outbox: the pending deliveries are skipped, so the dispatcher never sends
-- them when the scheduled time comes. A sent notice cannot be cancelled.
create function app_private.notices_cancel_outbox() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if old.status = 'sent' or old.status = 'sending' then
    raise exception 'a notice that was sent cannot be cancelled' using errcode = 'YM301';
  end if;
  update public.notice_deliveries set status = 'skipped', last_error = 'cancelled'
   where notice_id = new.id and status = 'pending';
  return null;
end
$$;
create trigger notices_cancel_outbox after update of status on public.notices
  for each row when (new.status = 'cancelled' and old.status is distinct from 'cancelled')
  execute function app_private.notices_cancel_outbox();
revoke execute on function app_private.notices_cancel_outbox() from public;
