// Start-up configuration: baked in at build time (VITE_SUPABASE_URL +
// VITE_SUPABASE_ANON_KEY) or fetched from the gateway's /env.json. Validated
// once here; the rest of the app trusts the result.
import { z } from 'zod';

export const RuntimeConfigSchema = z.object({
  supabaseUrl: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')),
  anonKey: z.string().min(1),
  localMode: z.boolean().default(false),
});

export type RuntimeConfig = z.infer<typeof RuntimeConfigSchema>;

/** Thrown when neither source gives a valid config; `detail` is for the error screen. */
export class RuntimeConfigError extends Error {
  override readonly name = 'RuntimeConfigError';
  constructor(readonly detail: string) {
    super(`Invalid runtime config: ${detail}`);
  }
}

export interface BuildEnv {
  VITE_SUPABASE_URL?: string;
  VITE_SUPABASE_ANON_KEY?: string;
  VITE_LOCAL_MODE?: string;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/** The build-time config, or undefined when none was baked in. */
export function configFromBuildEnv(env: BuildEnv): RuntimeConfig | undefined {
  const url = env.VITE_SUPABASE_URL?.trim();
  const key = env.VITE_SUPABASE_ANON_KEY?.trim();
  if (!url && !key) return undefined;
  if (!url || !key) throw new RuntimeConfigError('VITE_SUPABASE_URL and VITE_SUPABASE_ANON_KEY must be set together');
  const parsed = RuntimeConfigSchema.safeParse({ supabaseUrl: url, anonKey: key, localMode: env.VITE_LOCAL_MODE === 'true' });
  if (!parsed.success) throw new RuntimeConfigError(describeIssues(parsed.error));
  return parsed.data;
}

/**
 * /env.json sits at the gateway root, one level above the app's base
 * (/admin/), so resolve it against the base rather than hard-coding '/'.
 */
export function defaultEnvJsonUrl(): string {
  const base = new URL(import.meta.env.BASE_URL, window.location.origin);
  return new URL('../env.json', base).toString();
}

export async function loadRuntimeConfig(options: {
  env: BuildEnv;
  envJsonUrl: string;
  fetchImpl?: typeof fetch;
}): Promise<RuntimeConfig> {
  const baked = configFromBuildEnv(options.env);
  if (baked) return baked;
  const fetchImpl = options.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(options.envJsonUrl, { headers: { accept: 'application/json' }, cache: 'no-store' });
  } catch (error) {
    throw new RuntimeConfigError(`GET ${options.envJsonUrl} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) throw new RuntimeConfigError(`GET ${options.envJsonUrl} answered HTTP ${response.status}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new RuntimeConfigError(`${options.envJsonUrl} is not JSON`);
  }
  const parsed = RuntimeConfigSchema.safeParse(body);
  if (!parsed.success) throw new RuntimeConfigError(`${options.envJsonUrl}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
