-- Demo data for the local stack and the tests: two orgs, a department tree,
-- members with and without bound accounts, tags and admin groups.
-- Fixed ids so that tests and the dev login can name the personas.
-- Personas (dev login keys):
--   super-admin-a  张伟  super admin of 示范科技 (org A)
--   dept-admin-a   李娜  admin of the 研发中心 subtree in org A
--   member-a       王芳  plain member in 研发中心/前端组
--   member-b       赵强  plain member of 友邻制造 (org B)

insert into public.orgs (id, name, slug) values
  ('11111111-1111-4111-8111-111111111111', '示范科技有限公司', 'demo'),
  ('22222222-2222-4222-8222-222222222222', '友邻制造有限公司', 'neighbour');

insert into public.departments (id, org_id, parent_id, name, sort_order) values
  ('d1000000-0000-4000-8000-000000000001', '11111111-1111-4111-8111-111111111111', null, '总部', 1),
  ('d1000000-0000-4000-8000-000000000002', '11111111-1111-4111-8111-111111111111', 'd1000000-0000-4000-8000-000000000001', '研发中心', 1),
  ('d1000000-0000-4000-8000-000000000003', '11111111-1111-4111-8111-111111111111', 'd1000000-0000-4000-8000-000000000002', '前端组', 1),
  ('d1000000-0000-4000-8000-000000000004', '11111111-1111-4111-8111-111111111111', 'd1000000-0000-4000-8000-000000000002', '后端组', 2),
  ('d1000000-0000-4000-8000-000000000005', '11111111-1111-4111-8111-111111111111', 'd1000000-0000-4000-8000-000000000001', '行政部', 2),
  ('d2000000-0000-4000-8000-000000000001', '22222222-2222-4222-8222-222222222222', null, '生产部', 1);

insert into public.accounts (id, display_name, phone) values
  ('aaaaaaaa-0000-4000-8000-000000000001', '张伟', '13800000001'),
  ('aaaaaaaa-0000-4000-8000-000000000002', '李娜', '13800000002'),
  ('aaaaaaaa-0000-4000-8000-000000000003', '王芳', '13800000003'),
  ('aaaaaaaa-0000-4000-8000-000000000004', '赵强', '13900000004');

insert into public.members (id, org_id, account_id, employee_no, name, phone, id_card_number, department_id) values
  ('e1000000-0000-4000-8000-000000000001', '11111111-1111-4111-8111-111111111111', 'aaaaaaaa-0000-4000-8000-000000000001', 'E001', '张伟', '13800000001', '11010519491231002X', 'd1000000-0000-4000-8000-000000000001'),
  ('e1000000-0000-4000-8000-000000000002', '11111111-1111-4111-8111-111111111111', 'aaaaaaaa-0000-4000-8000-000000000002', 'E002', '李娜', '13800000002', null, 'd1000000-0000-4000-8000-000000000002'),
  ('e1000000-0000-4000-8000-000000000003', '11111111-1111-4111-8111-111111111111', 'aaaaaaaa-0000-4000-8000-000000000003', 'E003', '王芳', '13800000003', '440524188001010014', 'd1000000-0000-4000-8000-000000000003'),
  ('e1000000-0000-4000-8000-000000000004', '11111111-1111-4111-8111-111111111111', null, 'E004', '刘洋', '13800000004', null, 'd1000000-0000-4000-8000-000000000004'),
  ('e1000000-0000-4000-8000-000000000005', '11111111-1111-4111-8111-111111111111', null, 'E005', '陈静', '13800000005', null, 'd1000000-0000-4000-8000-000000000005'),
  ('e1000000-0000-4000-8000-000000000006', '11111111-1111-4111-8111-111111111111', null, 'E006', '杨磊', null, null, 'd1000000-0000-4000-8000-000000000005'),
  ('e1000000-0000-4000-8000-000000000007', '11111111-1111-4111-8111-111111111111', null, 'E007', '黄敏', '13800000007', null, 'd1000000-0000-4000-8000-000000000003'),
  ('e2000000-0000-4000-8000-000000000001', '22222222-2222-4222-8222-222222222222', 'aaaaaaaa-0000-4000-8000-000000000004', 'B001', '赵强', '13900000004', null, 'd2000000-0000-4000-8000-000000000001'),
  ('e2000000-0000-4000-8000-000000000002', '22222222-2222-4222-8222-222222222222', null, 'B002', '孙丽', '13900000005', null, 'd2000000-0000-4000-8000-000000000001');

insert into public.tags (id, org_id, name) values
  ('7a000000-0000-4000-8000-000000000001', '11111111-1111-4111-8111-111111111111', '党员'),
  ('7a000000-0000-4000-8000-000000000002', '11111111-1111-4111-8111-111111111111', '新员工'),
  ('7b000000-0000-4000-8000-000000000001', '22222222-2222-4222-8222-222222222222', '班组长');

insert into public.tag_members (org_id, tag_id, member_id) values
  ('11111111-1111-4111-8111-111111111111', '7a000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-000000000001'),
  ('11111111-1111-4111-8111-111111111111', '7a000000-0000-4000-8000-000000000002', 'e1000000-0000-4000-8000-000000000003'),
  ('11111111-1111-4111-8111-111111111111', '7a000000-0000-4000-8000-000000000002', 'e1000000-0000-4000-8000-000000000005'),
  ('22222222-2222-4222-8222-222222222222', '7b000000-0000-4000-8000-000000000001', 'e2000000-0000-4000-8000-000000000001');

insert into public.admin_groups (id, org_id, name, is_super, functions) values
  ('a9000000-0000-4000-8000-000000000001', '11111111-1111-4111-8111-111111111111', '超级管理员', true, '{}'),
  ('a9000000-0000-4000-8000-000000000002', '11111111-1111-4111-8111-111111111111', '研发管理员', false, '{notices,cards}'),
  ('a9000000-0000-4000-8000-000000000003', '22222222-2222-4222-8222-222222222222', '超级管理员', true, '{}');

insert into public.admin_group_members (org_id, group_id, member_id) values
  ('11111111-1111-4111-8111-111111111111', 'a9000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-000000000001'),
  ('11111111-1111-4111-8111-111111111111', 'a9000000-0000-4000-8000-000000000002', 'e1000000-0000-4000-8000-000000000002'),
  ('22222222-2222-4222-8222-222222222222', 'a9000000-0000-4000-8000-000000000003', 'e2000000-0000-4000-8000-000000000002');

insert into public.admin_group_departments (org_id, group_id, department_id) values
  ('11111111-1111-4111-8111-111111111111', 'a9000000-0000-4000-8000-000000000002', 'd1000000-0000-4000-8000-000000000002');

-- The bound demo members claimed their cards at seed time.
update public.members set claimed_at = now() where account_id is not null;

-- Canteen payment (org A): meal periods, two merchants with stalls of every
-- pricing mode, 李娜 collects for 第一食堂, a monthly meal subsidy for
-- everyone, and a 100-yuan WeChat Pay top-up for 王芳. Money only moves
-- through the RPCs (the ledger accepts nothing else), acting as the service role.
insert into public.meal_periods (org_id, name, starts, ends) values
  ('11111111-1111-4111-8111-111111111111', '早餐', '06:30', '09:30'),
  ('11111111-1111-4111-8111-111111111111', '午餐', '11:00', '13:30'),
  ('11111111-1111-4111-8111-111111111111', '晚餐', '17:00', '19:30');

insert into public.merchants (id, org_id, name, contact_name, contact_phone, wechat_sub_mchid) values
  ('f1000000-0000-4000-8000-000000000001', '11111111-1111-4111-8111-111111111111', '第一食堂', '周师傅', '13700000001', '1900000109'),
  ('f1000000-0000-4000-8000-000000000002', '11111111-1111-4111-8111-111111111111', '咖啡小站', '吴店长', '13700000002', null);

insert into public.stalls (id, org_id, merchant_id, name, pricing) values
  ('f2000000-0000-4000-8000-000000000001', '11111111-1111-4111-8111-111111111111', 'f1000000-0000-4000-8000-000000000001', '套餐档口',
   '{"mode":"fixed","fixedFen":1500,"adjustments":[{"id":"new-staff","label":"新员工午餐8折","kind":"discount","rateBp":2000,"match":{"tags":["7a000000-0000-4000-8000-000000000002"]},"window":{"start":"11:00","end":"13:30"}}],"limits":{"perMealCount":2}}'),
  ('f2000000-0000-4000-8000-000000000002', '11111111-1111-4111-8111-111111111111', 'f1000000-0000-4000-8000-000000000001', '自选档口',
   '{"mode":"free","limits":{"perPaymentMaxFen":10000,"perDayFen":30000}}'),
  ('f2000000-0000-4000-8000-000000000003', '11111111-1111-4111-8111-111111111111', 'f1000000-0000-4000-8000-000000000001', '面点档口',
   '{"mode":"count","countPerUse":1}'),
  ('f2000000-0000-4000-8000-000000000004', '11111111-1111-4111-8111-111111111111', 'f1000000-0000-4000-8000-000000000002', '咖啡吧台',
   '{"mode":"limited","limits":{"perPaymentMaxFen":5000},"openWindows":[{"start":"07:30","end":"20:00"}],"walletOrder":["cash","subsidy"]}');

insert into public.merchant_operators (org_id, merchant_id, member_id) values
  ('11111111-1111-4111-8111-111111111111', 'f1000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-000000000002');

insert into public.subsidy_plans (id, org_id, name, wallet, amount, cadence, expires_at_period_end) values
  ('f3000000-0000-4000-8000-000000000001', '11111111-1111-4111-8111-111111111111', '月度餐补', 'subsidy', 30000, 'monthly', true),
  ('f3000000-0000-4000-8000-000000000002', '11111111-1111-4111-8111-111111111111', '早餐券', 'count', 20, 'monthly', true);

select set_config('request.jwt.claims', '{"role":"service_role"}', true);
select public.subsidy_run('11111111-1111-4111-8111-111111111111');
select public.topup_create('11111111-1111-4111-8111-111111111111', 'aaaaaaaa-0000-4000-8000-000000000003', 'SEEDTOPUP0001', 10000);
select public.topup_credit('SEEDTOPUP0001', 'SEED4200000000000001', 10000, null, now(), 'seed');
select set_config('request.jwt.claims', '', true);

-- Scenario apps (org A): lunch and dinner can be booked at 第一食堂 until two
-- hours before; a meeting room and a projector; today's training with a
-- 300 m geofence around the demo campus; a material pickup point.
update public.meal_periods set booking_cutoff_minutes = 120 where org_id = '11111111-1111-4111-8111-111111111111' and name in ('午餐', '晚餐');
update public.merchants set takes_bookings = true where id = 'f1000000-0000-4000-8000-000000000001';
insert into public.resources (org_id, name, kind, location, capacity, open_hours, requires_approval, max_hours) values
  ('11111111-1111-4111-8111-111111111111', '会议室A', 'room', '总部 3 楼', 12, '[{"days":[1,2,3,4,5],"start":"08:00","end":"20:00"}]', false, 4),
  ('11111111-1111-4111-8111-111111111111', '投影仪', 'device', '行政部', 1, '[]', true, 8);
insert into public.events (org_id, title, kind, location_name, latitude, longitude, radius_m, sign_in_from, sign_in_until, sign_out_from, sign_out_until) values
  ('11111111-1111-4111-8111-111111111111', '新员工入职培训', 'training', '总部报告厅', 39.9087, 116.3975, 300,
   date_trunc('day', now()), date_trunc('day', now()) + interval '1 day', date_trunc('day', now()), date_trunc('day', now()) + interval '1 day');
insert into public.registration_points (org_id, name, purpose, form) values
  ('11111111-1111-4111-8111-111111111111', '行政部物资领取点', '物资领取',
   '{"version":1,"fields":[{"key":"item","type":"select","label":"领取物品","required":true,"options":["口罩","手套","文具"]},{"key":"qty","type":"number","label":"数量","required":true,"min":1,"max":20}]}');

-- Operations: 张伟 also operates this deployment (tickets, subscriptions);
-- 示范科技 has a 200-seat yearly plan.
insert into app_private.platform_operators (account_id, phone) values ('aaaaaaaa-0000-4000-8000-000000000001', '13800000001');
insert into public.subscriptions (org_id, seats, price_per_seat_fen, amount_fen, starts_on, ends_on)
values ('11111111-1111-4111-8111-111111111111', 200, 3000, 600000, date_trunc('year', now())::date, (date_trunc('year', now()) + interval '1 year')::date);
