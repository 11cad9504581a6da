-- Card targeting (领卡条件): a card's targeting {departments: [...], tags: [...]}
-- decides who may get it; empty lists mean everyone. Enrolment picks the
-- first card that targets the member, or refuses with YM207
-- (code_enroll_begin in the codes migration calls card_targets_member).

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
