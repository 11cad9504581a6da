import { useMemo, useState } from 'react';
import { t } from '../i18n/index.ts';
import { downloadFile } from '../lib/download.ts';
import { regCodeFileName, regCodePayload, regQrSvg } from '../lib/reg-code.ts';
import { renderStallCodePng } from '../lib/stall-code.ts';
import type { RegistrationPointRow } from '../services/registration.service.ts';
import { FormDialog } from './form-dialog.tsx';

/** 登记码: the point's QR (`yima:reg:<id>`) and a PNG to print, drawn like the stall collection code. */
export function RegCodeDialog({ point, onClose }: { point: RegistrationPointRow; onClose: () => void }) {
  const svg = useMemo(() => regQrSvg(point.id), [point.id]);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const download = async () => {
    setBusy(true);
    setFailed(false);
    try {
      const png = await renderStallCodePng({ qrSvg: svg, title: point.name, caption: t('scenario.reg.codeCaption') });
      downloadFile(png, regCodeFileName(point.name), 'image/png');
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormDialog title={t('scenario.reg.codeTitle', { name: point.name })} submitLabel="" hideSubmit cancelLabel={t('common.close')} onSubmit={onClose} onCancel={onClose}>
      <p className="muted">{t('scenario.reg.codeHint')}</p>
      <div className="qr-box" data-testid="reg-qr" dangerouslySetInnerHTML={{ __html: svg }} />
      <p>
        {t('pay.stalls.codePayload')}：<code className="mono">{regCodePayload(point.id)}</code>
      </p>
      <button type="button" className="button button--small" disabled={busy} onClick={() => void download()}>
        {busy ? t('pay.stalls.downloading') : t('pay.stalls.download')}
      </button>
      {failed ? <p className="notice notice--error">{t('pay.stalls.downloadFailed')}</p> : null}
    </FormDialog>
  );
}
