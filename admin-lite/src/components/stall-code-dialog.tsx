import { useMemo, useState } from 'react';
import { t } from '../i18n/index.ts';
import { downloadFile } from '../lib/download.ts';
import { renderStallCodePng, stallCodeFileName, stallCodePayload, stallQrSvg } from '../lib/stall-code.ts';
import type { StallRow } from '../services/merchants.service.ts';
import { FormDialog } from './form-dialog.tsx';

/** 收款码: the stall's QR (`yima:stall:<id>`) and a PNG to print. */
export function StallCodeDialog({ stall, merchantName, onClose }: { stall: StallRow; merchantName: string; onClose: () => void }) {
  const svg = useMemo(() => stallQrSvg(stall.id), [stall.id]);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const download = async () => {
    setBusy(true);
    setFailed(false);
    try {
      const png = await renderStallCodePng({ qrSvg: svg, title: `${merchantName} · ${stall.name}`, caption: t('pay.stalls.codeCaption') });
      downloadFile(png, stallCodeFileName(merchantName, stall.name), 'image/png');
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormDialog title={t('pay.stalls.codeTitle', { name: stall.name })} submitLabel="" hideSubmit cancelLabel={t('common.close')} onSubmit={onClose} onCancel={onClose}>
      <p className="muted">{t('pay.stalls.codeHint')}</p>
      <div className="qr-box" data-testid="stall-qr" dangerouslySetInnerHTML={{ __html: svg }} />
      <p>
        {t('pay.stalls.codePayload')}：<code className="mono">{stallCodePayload(stall.id)}</code>
      </p>
      <button type="button" className="button button--small" disabled={busy} onClick={() => void download()}>
        {busy ? t('pay.stalls.downloading') : t('pay.stalls.download')}
      </button>
      {failed ? <p className="notice notice--error">{t('pay.stalls.downloadFailed')}</p> : null}
    </FormDialog>
  );
}
