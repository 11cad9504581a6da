// The API gateway of the local stack, shaped like Supabase's: /rest/v1/* goes
// to PostgREST, /functions/v1/<name>/* to the edge runtime. As on Supabase,
// the `apikey` header stands in as the bearer token when no Authorization
// header is sent, and functions with verify_jwt (the default) reject a missing
// or bad JWT with 401. It also serves the built web apps and /env.json.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { jwtVerify } from 'jose';
import { SUPABASE_DIR } from './paths.ts';

export interface GatewayOptions {
  port: number;
  postgrestUrl: string;
  functionsUrl: string;
  jwtSecret: string;
  /** Public runtime config served as /env.json for the web builds. */
  publicEnv: Record<string, unknown>;
  /** URL prefix -> directory of a built single-page app. */
  staticApps: Record<string, string>;
}

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers': 'authorization, x-client-info, apikey, content-type, prefer, range, accept-profile, content-profile, x-request-id',
  'access-control-expose-headers': 'content-range, content-location, x-request-id, date, retry-after',
  'access-control-max-age': '86400',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.map': 'application/json', '.txt': 'text/plain; charset=utf-8',
};

/** Functions listed in config.toml with `verify_jwt = false` (e.g. payment callbacks, login). */
export function functionsWithoutJwt(): Set<string> {
  const file = join(SUPABASE_DIR, 'config.toml');
  const names = new Set<string>();
  if (!existsSync(file)) return names;
  let current: string | undefined;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const section = /^\[functions\.([a-z0-9-]+)\]/.exec(line.trim());
    if (section) { current = section[1]; continue; }
    if (line.trim().startsWith('[')) current = undefined;
    if (current && /^verify_jwt\s*=\s*false/.test(line.trim())) names.add(current);
  }
  return names;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...CORS_HEADERS, 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function bearer(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  const apikey = req.headers.apikey;
  return typeof apikey === 'string' && apikey ? apikey : undefined;
}

function proxy(req: IncomingMessage, res: ServerResponse, target: string, path: string, token?: string): void {
  const url = new URL(path, target);
  const forwarded = req.headers['x-forwarded-for'];
  const headers = {
    ...req.headers,
    host: url.host,
    'x-forwarded-for': [forwarded, req.socket.remoteAddress].filter(Boolean).join(', '),
  };
  if (token && !req.headers.authorization) headers.authorization = `Bearer ${token}`;
  const upstream = request(url, { method: req.method, headers }, (up) => {
    res.writeHead(up.statusCode ?? 502, { ...up.headers, ...CORS_HEADERS });
    up.pipe(res);
  });
  upstream.on('error', (error) => {
    if (!res.headersSent) sendJson(res, 502, { error: { code: 'upstream_unavailable', message: `Upstream unavailable: ${error.message}` } });
    else res.destroy();
  });
  req.pipe(upstream);
}

/**
 * Security headers of the web apps (admin console, H5): scripts only from
 * our origin, no framing by others, no MIME sniffing, no referrer leaks
 * across origins, and only the browser features the apps use (camera for
 * scanning, geolocation for event sign-in). Behind HTTPS add
 * Strict-Transport-Security at the TLS proxy; docs in the README.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': [
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
    "font-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'self'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'SAMEORIGIN',
  'permissions-policy': 'camera=(self), geolocation=(self), microphone=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
};

function serveStatic(res: ServerResponse, dir: string, relative: string): void {
  if (!existsSync(dir)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`Not built yet: run \`npm run build\` (missing ${dir})`);
    return;
  }
  const safe = normalize(decodeURIComponent(relative)).replace(/^(\.\.(\/|$))+/, '');
  let file = join(dir, safe);
  if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  const immutable = /\.[0-9a-f]{8,}\./.test(file);
  res.writeHead(200, {
    'content-type': type,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...SECURITY_HEADERS,
  });
  createReadStream(file).pipe(res);
}

export function startGateway(opts: GatewayOptions): Promise<Server> {
  const secret = new TextEncoder().encode(opts.jwtSecret);
  const openFunctions = functionsWithoutJwt();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS);
      res.end();
      return;
    }
    if (url.pathname.startsWith('/rest/v1/') || url.pathname === '/rest/v1') {
      proxy(req, res, opts.postgrestUrl, url.pathname.slice('/rest/v1'.length) + url.search || '/', bearer(req));
      return;
    }
    if (url.pathname.startsWith('/functions/v1/')) {
      const rest = url.pathname.slice('/functions/v1'.length);
      const name = rest.split('/')[1] ?? '';
      const token = bearer(req);
      if (!openFunctions.has(name)) {
        if (!token) {
          sendJson(res, 401, { error: { code: 'missing_authorization', message: 'Missing authorization header or apikey' } });
          return;
        }
        try {
          await jwtVerify(token, secret, { algorithms: ['HS256'] });
        } catch {
          sendJson(res, 401, { error: { code: 'invalid_jwt', message: 'Invalid or expired JWT' } });
          return;
        }
      }
      proxy(req, res, opts.functionsUrl, rest + url.search, token);
      return;
    }
    if (url.pathname === '/env.json') {
      sendJson(res, 200, opts.publicEnv);
      return;
    }
    for (const [prefix, dir] of Object.entries(opts.staticApps)) {
      if (url.pathname === prefix.slice(0, -1)) {
        res.writeHead(302, { location: prefix });
        res.end();
        return;
      }
      if (url.pathname.startsWith(prefix)) {
        serveStatic(res, dir, url.pathname.slice(prefix.length));
        return;
      }
    }
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><meta charset="utf-8"><title>Yima 一码通</title><h1>Yima 一码通 (local)</h1><ul>${Object.keys(opts.staticApps)
        .map((p) => `<li><a href="${p}">${p}</a></li>`).join('')}</ul>`);
      return;
    }
    sendJson(res, 404, { error: { code: 'not_found', message: `Nothing at ${url.pathname}` } });
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve(server));
  });
}
