import { useMemo, useState } from 'react';
import { renderQrSvg } from '@yima/shared/code-protocol/qr';
import { t } from '../i18n/index.ts';
import { claimLink, type CardDraft } from '../lib/card-form.ts';
import { posterFileName, renderPosterPng } from '../lib/card-poster.ts';
import { downloadFile } from '../lib/download.ts';
import { mediaUrl } from '../services/cards.service.ts';

/**
 * 发卡: the org's claim link, its QR code (SVG) and a poster (card + QR +
 * org name) to print or post, downloaded as PNG.
 */
export function CardIssuance({ draft, orgName, orgSlug, origin = window.location.origin }: { draft: CardDraft; orgName: string; orgSlug: string | undefined; origin?: string }) {
  const link = orgSlug ? claimLink(origin, orgSlug) : undefined;
  const svg = useMemo(() => (link ? renderQrSvg(link, { errorCorrection: 'M', pixelSize: 200 }) : ''), [link]);
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);

  if (!link) return <p className="notice notice--warn">{t('cards.issue.noSlug')}</p>;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setMessage(t('common.copied'));
    } catch {
      setMessage(t('common.copyFailed'));
    }
  };

  const downloadPoster = async () => {
    setBusy(true);
    setMessage(undefined);
    try {
      const png = await renderPosterPng({
        orgName,
        cardName: draft.name,
        subtitle: draft.subtitle,
        face: draft.face,
        coverUrl: draft.coverMediaId ? mediaUrl(draft.coverMediaId) : null,
        logoUrl: draft.logoMediaId ? mediaUrl(draft.logoMediaId) : null,
        qrSvg: svg,
        caption: t('cards.issue.posterCaption', { name: draft.name }),
      });
      downloadFile(png, posterFileName(draft.name), 'image/png');
    } catch {
      setMessage(t('cards.issue.posterFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-label={t('cards.issue.title')}>
      <h2>{t('cards.issue.title')}</h2>
      <p className="muted">{t('cards.issue.hint')}</p>
      <div className="field__row">
        <input className="input" readOnly value={link} aria-label={t('cards.issue.link')} />
        <button type="button" className="button button--small" onClick={() => void copy()}>
          {t('common.copy')}
        </button>
      </div>
      <div className="qr-box" data-testid="claim-qr" dangerouslySetInnerHTML={{ __html: svg }} />
      <button type="button" className="button button--small" disabled={busy} onClick={() => void downloadPoster()}>
        {busy ? t('cards.issue.posterBusy') : t('cards.issue.poster')}
      </button>
      {message ? (
        <p className="muted" role="status">
          {message}
        </p>
      ) : null}
    </section>
  );
}
