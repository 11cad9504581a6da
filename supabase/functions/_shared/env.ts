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
  /** WeChat mini-program credentials (auth-wechat); absent until configured. */
  wechat: { appId?: string; appSecret?: string; apiBase: string };
  /** WeCom API base (auth-wecom); corp secrets are per org in the database. */
  wecom: { apiBase: string; defaultCorpId?: string };
  /** Public URL of the H5 app, for links sent by SMS (claim invitations, visitor passes). */
  publicAppUrl: string;
  /** Raw lookup for adapter configs that parse their own variables (SMS). */
  get: (key: string) => string | undefined;
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
    wechat: {
      appId: get('YIMA_WECHAT_APP_ID') || undefined,
      appSecret: get('YIMA_WECHAT_APP_SECRET') || undefined,
      apiBase: get('YIMA_WECHAT_API_BASE') || 'https://api.weixin.qq.com',
    },
    wecom: {
      apiBase: get('YIMA_WECOM_API_BASE') || 'https://qyapi.weixin.qq.com',
      defaultCorpId: get('YIMA_WECOM_DEFAULT_CORP_ID') || undefined,
    },
    publicAppUrl: get('YIMA_PUBLIC_APP_URL') || `${required('SUPABASE_URL')}/h5/`,
    get,
  };
}
