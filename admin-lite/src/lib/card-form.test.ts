import { describe, expect, it } from 'vitest';
import { blankEntry, checkDraft, claimLink, draftFromCard, emptyDraft, faceTextStyle } from './card-form.ts';
import type { CardRow } from '../services/cards.service.ts';

const row = (extra: Partial<CardRow> = {}): CardRow => ({
  id: 'c1',
  org_id: 'o1',
  name: '员工卡',
  subtitle: null,
  description: null,
  targeting: { departments: ['rd'], tags: [] },
  logo_media_id: null,
  cover_media_id: 'img-1',
  face: { textPosition: 'top-right', fontSize: 20, color: '#000000', textShadow: false },
  info_items: [{ label: '手册', url: 'https://example.com/a' }],
  entries: [{ type: 'miniprogram', label: '食堂', originalId: 'gh_0123456789ab', path: 'pages/x', fallbackUrl: 'https://example.com/f' }],
  created_at: '',
  updated_at: '',
  ...extra,
});

describe('checkDraft', () => {
  it('requires a name only when creating', () => {
    const draft = emptyDraft();
    expect(checkDraft(draft, true)).toEqual({ ok: false, errors: { name: '请填写卡片名称' } });
    expect(checkDraft(draft, false).ok).toBe(true);
    expect(checkDraft({ ...draft, name: 'x'.repeat(31) }, true)).toMatchObject({ ok: false, errors: { name: '卡片名称最多30字' } });
  });

  it('turns a valid draft into the patch (blank texts become null, targeting kept)', () => {
    const result = checkDraft(draftFromCard(row()), false);
    expect(result).toEqual({
      ok: true,
      patch: {
        subtitle: null,
        description: null,
        targeting: { departments: ['rd'], tags: [] },
        logo_media_id: null,
        cover_media_id: 'img-1',
        face: { textPosition: 'top-right', fontSize: 20, color: '#000000', textShadow: false },
        info_items: [{ label: '手册', url: 'https://example.com/a' }],
        entries: [{ type: 'miniprogram', label: '食堂', originalId: 'gh_0123456789ab', path: 'pages/x', fallbackUrl: 'https://example.com/f' }],
      },
    });
  });

  it('reports problems per field path with the shared zh-CN messages', () => {
    const draft = { ...emptyDraft(), name: '卡', infoItems: [{ label: '手册', url: 'http://insecure.example' }], entries: [{ ...blankEntry('miniprogram'), label: '食堂', originalId: 'wx123', fallbackUrl: 'https://a.example' }] };
    const result = checkDraft(draft, true);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['infoItems.0.url']).toBe('链接必须以 https:// 开头');
    expect(result.errors['entries.0.originalId']).toBe('原始ID形如 gh_ 加12位十六进制');
  });

  it('refuses a fourth info item and a bad colour', () => {
    const item = { label: 'a', url: 'https://a.example' };
    const result = checkDraft({ ...emptyDraft(), infoItems: [item, item, item, item], face: { ...emptyDraft().face, color: 'red' } }, false);
    expect(result).toMatchObject({ ok: false, errors: { infoItems: '最多3个信息项', 'face.color': '颜色格式应为 #RRGGBB' } });
  });
});

describe('claimLink and face style', () => {
  it('builds the H5 claim link of the org', () => {
    expect(claimLink('https://yima.example/', 'demo corp')).toBe('https://yima.example/h5/#/pages/claim/index?org=demo%20corp');
  });

  it('places the face text by position', () => {
    expect(faceTextStyle({ textPosition: 'top-right', fontSize: 20, color: '#112233', textShadow: false })).toMatchObject({
      justifyContent: 'flex-start',
      alignItems: 'flex-end',
      color: '#112233',
      fontSize: 20,
      textShadow: 'none',
    });
    expect(faceTextStyle({ textPosition: 'center', fontSize: 16, color: '#FFFFFF', textShadow: true })).toMatchObject({ justifyContent: 'center', alignItems: 'center' });
  });
});
