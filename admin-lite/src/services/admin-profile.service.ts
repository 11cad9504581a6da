// The signed-in account's admin rights in one org (my_admin_profile RPC):
// whether they are an admin at all, super or not, which console functions
// and apps they may use, and their department scope (null = whole org).
import { z } from 'zod';
import { unwrap } from './errors.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

export const ADMIN_FUNCTIONS = ['notices', 'cards', 'config', 'payment', 'apps'] as const;
export type AdminFunction = (typeof ADMIN_FUNCTIONS)[number];

const isAdminFunction = (value: string): value is AdminFunction => (ADMIN_FUNCTIONS as readonly string[]).includes(value);

export const AdminProfileSchema = z.object({
  org_id: z.string().min(1),
  is_admin: z.boolean(),
  is_super: z.boolean(),
  // A function added to the enum later is ignored, not a parse failure.
  functions: z.array(z.string()).transform((values) => values.filter(isAdminFunction)),
  apps: z.array(z.string()),
  scope_department_ids: z.array(z.string()).nullable(),
});
export type AdminProfile = z.infer<typeof AdminProfileSchema>;

/**
 * `accessToken`: check a token that is not stored yet (at login, before the
 * console is entered); otherwise the session's token is used.
 */
export async function getAdminProfile(orgId: string, accessToken?: string): Promise<AdminProfile> {
  let request = supabase().rpc('my_admin_profile', { p_org: orgId });
  if (accessToken) request = request.setHeader('Authorization', `Bearer ${accessToken}`);
  return parseResponse(AdminProfileSchema, unwrap(await request));
}
