// The card designer's form: what the admin edits (strings, as typed) and the
// checked patch saved to `cards`. Validation is @yima/shared's
// cardDesignSchema (the database re-checks the limits); the name is set once.
import { cardDesignSchema, cardFaceSchema, type CardEntry, type CardFace } from '@yima/shared/cards/card-design';
import { t } from '../i18n/index.ts';
import type { CardDesignPatch, CardRow } from '../services/cards.service.ts';

export type EntryDraft =
  | { type: 'h5'; label: string; url: string }
  | { type: 'miniprogram'; label: string; originalId: string; path: string; fallbackUrl: string };

export interface CardDraft {
  name: string;
  subtitle: string;
  description: string;
  departments: string[];
  tags: string[];
  logoMediaId: string | null;
  coverMediaId: string | null;
  face: CardFace;
  infoItems: Array<{ label: string; url: string }>;
  entries: EntryDraft[];
}

export const DEFAULT_FACE: CardFace = cardFaceSchema.parse({});

export function emptyDraft(): CardDraft {
  return { name: '', subtitle: '', description: '', departments: [], tags: [], logoMediaId: null, coverMediaId: null, face: { ...DEFAULT_FACE }, infoItems: [], entries: [] };
}

export function draftFromCard(card: CardRow): CardDraft {
  return {
    name: card.name,
    subtitle: card.subtitle ?? '',
    description: card.description ?? '',
    departments: [...card.targeting.departments],
    tags: [...card.targeting.tags],
    logoMediaId: card.logo_media_id,
    coverMediaId: card.cover_media_id,
    face: { ...DEFAULT_FACE, ...card.face },
    infoItems: card.info_items.map((i) => ({ ...i })),
    entries: card.entries.map((e): EntryDraft => (e.type === 'h5' ? { ...e } : { ...e, path: e.path ?? '' })),
  };
}

export function blankEntry(type: EntryDraft['type']): EntryDraft {
  return type === 'h5' ? { type, label: '', url: '' } : { type, label: '', originalId: '', path: '', fallbackUrl: '' };
}

/** Field path ("infoItems.0.url", "name") -> first problem. */
export type DraftErrors = Record<string, string>;

export type DraftCheck = { ok: true; patch: CardDesignPatch } | { ok: false; errors: DraftErrors };

/** Checks the draft; `creating` also checks the name (1-30 characters). */
export function checkDraft(draft: CardDraft, creating: boolean): DraftCheck {
  const errors: DraftErrors = {};
  if (creating) {
    const name = draft.name.trim();
    if (name.length === 0) errors.name = t('cards.error.nameRequired');
    else if (name.length > 30) errors.name = t('cards.error.nameTooLong');
  }
  const optional = (s: string) => (s.trim() === '' ? undefined : s);
  const parsed = cardDesignSchema.safeParse({
    subtitle: optional(draft.subtitle),
    description: optional(draft.description),
    face: draft.face,
    infoItems: draft.infoItems,
    entries: draft.entries,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.');
      if (!(key in errors)) errors[key] = issue.message;
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const design = parsed.data;
  return {
    ok: true,
    patch: {
      subtitle: design.subtitle ?? null,
      description: design.description ?? null,
      targeting: { departments: [...draft.departments], tags: [...draft.tags] },
      logo_media_id: draft.logoMediaId,
      cover_media_id: draft.coverMediaId,
      face: design.face,
      info_items: design.infoItems,
      entries: design.entries satisfies CardEntry[],
    },
  };
}

/** The link members open to claim their card (the H5 claim page of this org). */
export function claimLink(origin: string, orgSlug: string): string {
  return `${origin.replace(/\/$/, '')}/h5/#/pages/claim/index?org=${encodeURIComponent(orgSlug)}`;
}

/** Where the name/subtitle block sits on the card face, as CSS. */
export function faceTextStyle(face: CardFace): Record<string, string | number> {
  const [vertical, horizontal] = face.textPosition === 'center' ? ['center', 'center'] : face.textPosition.split('-');
  return {
    justifyContent: vertical === 'top' ? 'flex-start' : vertical === 'bottom' ? 'flex-end' : 'center',
    alignItems: horizontal === 'left' ? 'flex-start' : horizontal === 'right' ? 'flex-end' : 'center',
    textAlign: horizontal === 'left' ? 'left' : horizontal === 'right' ? 'right' : 'center',
    color: face.color,
    fontSize: face.fontSize,
    textShadow: face.textShadow ? '0 1px 3px rgba(0,0,0,0.6)' : 'none',
  };
}
