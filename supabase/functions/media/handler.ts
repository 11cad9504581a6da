// Serves card images: GET /media/<id> -> the bytes with their content type.
// Card faces are public (shown on phones and posters), so no token is needed;
// ids are random UUIDs. Cached for a day (images are immutable: a new upload
// gets a new id).
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, corsHeaders, route } from '../_shared/http.ts';
import { serviceClient } from '../_shared/supabase.ts';

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);
  return route({
    GET: async (req) => {
      const id = new URL(req.url).pathname.split('/').filter(Boolean).at(-1) ?? '';
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new HttpError(400, 'invalid_id', 'Use GET /media/<media id>');
      const { data, error } = await db.from('media').select('content_type, data').eq('id', id).maybeSingle();
      if (error) throwDbError(error, 'media');
      if (!data) throw new HttpError(404, 'not_found', 'No such image');
      // PostgREST returns bytea as \x-prefixed hex.
      const hex = (data.data as string).replace(/^\\x/, '');
      const bytes = new Uint8Array(hex.length / 2);
      for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
      return new Response(bytes, {
        headers: { ...corsHeaders, 'content-type': data.content_type as string, 'cache-control': 'public, max-age=86400, immutable', 'x-content-type-options': 'nosniff' },
      });
    },
  });
}
