import type { CardDraft } from '../lib/card-form.ts';
import { faceTextStyle } from '../lib/card-form.ts';
import { mediaUrl } from '../services/cards.service.ts';

/**
 * The card as members will see it (375px wide, 1000×600 ratio): cover,
 * logo, name and subtitle placed by the face settings. `imageUrl` is
 * injectable so a just-picked local file previews before upload.
 */
export function CardPreview({ draft, imageUrl = mediaUrl }: { draft: CardDraft; imageUrl?: (mediaId: string) => string }) {
  const cover = draft.coverMediaId ? imageUrl(draft.coverMediaId) : null;
  const logo = draft.logoMediaId ? imageUrl(draft.logoMediaId) : null;
  return (
    <div
      className="card-preview"
      data-testid="card-preview"
      style={{ backgroundImage: cover ? `url("${cover}")` : undefined, ...faceTextStyle(draft.face) }}
    >
      {logo ? <img className="card-preview__logo" src={logo} alt="" /> : null}
      <strong className="card-preview__name">{draft.name || '卡片名称'}</strong>
      {draft.subtitle ? <span className="card-preview__subtitle">{draft.subtitle}</span> : null}
    </div>
  );
}
