// Responses shaped the way every Yima function answers: JSON bodies, errors as
// {error:{code,message}} with the right HTTP status, CORS for the web apps.
import { rateLimited } from './rate-limit.ts';

export const corsHeaders: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, x-client-info, apikey, content-type',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  // Phones in the browser (H5) read the server's clock from Date to correct their own (the dynamic code).
  'access-control-expose-headers': 'date, retry-after',
};

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...corsHeaders, 'content-type': 'application/json; charset=utf-8' },
  });
}

/** A failure the caller can act on; thrown inside handlers, turned into a response by `route`. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export function errorResponse(status: number, code: string, message: string): Response {
  return json({ error: { code, message } }, status);
}

/** Reads a JSON body, rejecting anything else with a clear 400. */
export async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text) throw new HttpError(400, 'invalid_body', 'Request body must be JSON');
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_body', 'Request body is not valid JSON');
  }
}

type Route = (req: Request) => Promise<Response>;

/** Dispatches by method, answers CORS preflight, applies the rate limits (rate-limit.ts), and maps thrown errors. */
export function route(routes: Partial<Record<'GET' | 'POST', Route>>): Route {
  return async (req) => {
    if (req.method === 'OPTIONS') return new Response(null, { status: 204, headers: corsHeaders });
    const limited = rateLimited(req);
    if (limited) return limited;
    const handler = routes[req.method as 'GET' | 'POST'];
    if (!handler) return errorResponse(405, 'method_not_allowed', `${req.method} is not supported here`);
    try {
      return await handler(req);
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error.status, error.code, error.message);
      console.error(error);
      return errorResponse(500, 'internal_error', 'Internal error; the details are in the function log');
    }
  };
}

/** Validates a parsed body; a failure is a 400 naming what is wrong (or `hint`). */
export function parseBody<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, value: unknown, hint?: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const detail = result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  throw new HttpError(400, 'invalid_body', hint ? `${hint} (${detail})` : detail);
}
