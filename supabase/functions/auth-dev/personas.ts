// Demo personas of supabase/seed.sql that the dev login can sign in as.
export interface Persona {
  key: string;
  accountId: string;
  roleLabel: string;
}

export const PERSONAS: readonly Persona[] = [
  { key: 'super-admin-a', accountId: 'aaaaaaaa-0000-4000-8000-000000000001', roleLabel: '超级管理员' },
  { key: 'dept-admin-a', accountId: 'aaaaaaaa-0000-4000-8000-000000000002', roleLabel: '研发中心管理员' },
  { key: 'member-a', accountId: 'aaaaaaaa-0000-4000-8000-000000000003', roleLabel: '普通成员' },
  { key: 'member-b', accountId: 'aaaaaaaa-0000-4000-8000-000000000004', roleLabel: '友邻制造成员' },
];
