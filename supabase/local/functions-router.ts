// Local edge runtime (Deno): imports every supabase/functions/<name>/handler.ts
// and routes /<name>/... to it, as Supabase's edge runtime does with one
// worker per function. Not deployed: hosted Supabase runs each index.ts.
import { readEnv } from '../functions/_shared/env.ts';

type Handler = (req: Request) => Promise<Response>;

const dir = Deno.env.get('FUNCTIONS_DIR')!;
const env = readEnv((key) => Deno.env.get(key));
const handlers = new Map<string, Handler>();
const broken = new Map<string, string>();
for (const entry of Deno.readDirSync(dir)) {
  if (!entry.isDirectory || entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
  try {
    const mod = await import(`file://${dir}/${entry.name}/handler.ts`);
    handlers.set(entry.name, mod.createHandler(env));
  } catch (error) {
    // One broken function must not take the others down (as with Supabase's per-function workers).
    console.error(`[${entry.name}] failed to load:`, error);
    broken.set(entry.name, String(error));
  }
}

Deno.serve({ hostname: '127.0.0.1', port: Number(Deno.env.get('FUNCTIONS_PORT')), onListen: () => {} }, async (req) => {
  const name = new URL(req.url).pathname.split('/')[1] ?? '';
  if (name === '_health') return new Response('ok');
  const handler = handlers.get(name);
  if (broken.has(name)) {
    return Response.json({ error: { code: 'function_failed_to_load', message: `Function "${name}" failed to start; see the functions log` } }, { status: 500 });
  }
  if (!handler) {
    return Response.json({ error: { code: 'function_not_found', message: `No function named "${name}"` } }, { status: 404 });
  }
  try {
    return await handler(req);
  } catch (error) {
    console.error(`[${name}]`, error);
    return Response.json({ error: { code: 'internal_error', message: 'Internal error' } }, { status: 500 });
  }
});
