// Environment of every edge function, validated once at start-up.
// Hosted Supabase provides SUPABASE_*; YIMA_* are set with `supabase secrets set`.

export interface FunctionEnv {
  supabaseUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  /** Secret used to sign the access tokens we mint (the project's JWT secret). */
  jwtSecret: string;
  /** Local stack only: enables the dev login and console channels. */
  localMode: boolean;
  /** Lifetime of minted access tokens, seconds. */
  accessTokenTtl: number;
}

export function readEnv(get: (key: string) => string | undefined): FunctionEnv {
  const required = (key: string): string => {
    const value = get(key);
    if (!value) throw new Error(`Edge function environment is missing ${key}`);
    return value;
  };
  return {
    supabaseUrl: required('SUPABASE_URL'),
    anonKey: required('SUPABASE_ANON_KEY'),
    serviceRoleKey: required('SUPABASE_SERVICE_ROLE_KEY'),
    jwtSecret: required('YIMA_JWT_SECRET'),
    localMode: get('YIMA_LOCAL_MODE') === '1',
    accessTokenTtl: Number(get('YIMA_ACCESS_TOKEN_TTL') ?? 3600),
  };
}
