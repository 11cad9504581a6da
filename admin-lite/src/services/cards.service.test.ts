import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { createCard, deleteCard, listCards, mediaUrl, toBase64, updateCard, uploadCardImage, type CardDesignPatch } from './cards.service.ts';
import { saveSession } from './session.service.ts';
import { initBackend } from './supabase-client.ts';

let fetchMock: ReturnType<typeof fakeFetch>;
const use = (handler: FakeHandler) => {
  fetchMock = fakeFetch(handler);
  vi.stubGlobal('fetch', fetchMock);
};
beforeEach(() => {
  initBackend({ supabaseUrl: 'http://gw.test', anonKey: 'anon-key', localMode: true });
  saveSession(adminSession());
});
afterEach(() => vi.unstubAllGlobals());

const PATCH: CardDesignPatch = {
  subtitle: null,
  description: null,
  targeting: { departments: [], tags: [] },
  logo_media_id: null,
  cover_media_id: null,
  face: { textPosition: 'bottom-left', fontSize: 16, color: '#FFFFFF', textShadow: true },
  info_items: [],
  entries: [],
};

describe('cards service', () => {
  it('lists cards, filling keys old rows lack', async () => {
    use(() => jsonResponse([{ id: 'c1', org_id: ORG_ID, name: '员工卡', targeting: {}, info_items: null, entries: null }]));
    const [card] = await listCards(ORG_ID);
    expect(card).toMatchObject({ name: '员工卡', targeting: { departments: [], tags: [] }, info_items: [], entries: [] });
    expect(callsTo(fetchMock, '/rest/v1/cards')[0]!.url.searchParams.get('org_id')).toBe(`eq.${ORG_ID}`);
  });

  it('creates with the name; updates never send the name; an empty delete is forbidden', async () => {
    use(() => jsonResponse([{ id: 'c1', org_id: ORG_ID, name: '员工卡', ...PATCH }], 201));
    await createCard(ORG_ID, '员工卡', PATCH);
    expect(callsTo(fetchMock, '/rest/v1/cards')[0]!.body).toEqual({ org_id: ORG_ID, name: '员工卡', ...PATCH });
    await updateCard(ORG_ID, 'c1', PATCH);
    const update = callsTo(fetchMock, '/rest/v1/cards')[1]!;
    expect(update.body).toEqual(PATCH);
    expect(update.body).not.toHaveProperty('name');
    use(() => jsonResponse([]));
    await expect(deleteCard(ORG_ID, 'c-other')).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('uploads images as base64 and maps YM221 to a zh-CN message', async () => {
    use(() => jsonResponse('media-1'));
    expect(await uploadCardImage(ORG_ID, 'card_cover', new Uint8Array([0x89, 0x50, 0x4e]))).toBe('media-1');
    expect(callsTo(fetchMock, '/rest/v1/rpc/admin_upload_media')[0]!.body).toEqual({ p_org: ORG_ID, p_purpose: 'card_cover', p_base64: 'iVBO' });
    use(() => jsonResponse({ code: 'YM221', message: 'images may be at most 1 MB', details: null, hint: null }, 400));
    await expect(uploadCardImage(ORG_ID, 'card_logo', new Uint8Array([1]))).rejects.toMatchObject({ kind: 'invalid', message: '图片不能超过 1 MB' });
  });

  it('builds media URLs and base64 for large inputs', () => {
    expect(mediaUrl('m1')).toBe('http://gw.test/functions/v1/media/m1');
    const big = new Uint8Array(100_000).fill(65);
    expect(atob(toBase64(big)).length).toBe(100_000);
  });
});
