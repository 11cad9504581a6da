// Mints Supabase-compatible access tokens: HS256 with the project's JWT
// secret, role `authenticated`, sub = accounts.id, plus org claims that the
// apps read. RLS relies only on sub (auth.uid()); org claims are hints.
import { SignJWT } from 'jose';

export interface TokenSubject {
  accountId: string;
  orgId?: string;
  memberId?: string;
}

export interface MintedToken {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  expires_at: number;
}

export async function mintAccessToken(subject: TokenSubject, secret: string, ttlSeconds: number): Promise<MintedToken> {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    role: 'authenticated',
    aud: 'authenticated',
    org_id: subject.orgId,
    member_id: subject.memberId,
    app_metadata: { provider: 'yima', org_id: subject.orgId, member_id: subject.memberId },
  };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject.accountId)
    .setIssuer('yima')
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
  return { access_token: token, token_type: 'bearer', expires_in: ttlSeconds, expires_at: now + ttlSeconds };
}
