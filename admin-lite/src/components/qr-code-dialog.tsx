import { useBusyTask } from '../hooks/use-busy-task.ts';
import { t } from '../i18n/index.ts';
import { downloadFile } from '../lib/download.ts';
import { renderStallCodePng } from '../lib/stall-code.ts';
import { FormDialog } from './form-dialog.tsx';

export interface QrCodeDialogProps {
  title: string;
  hint: string;
  /** The QR as SVG markup (memoised by the caller). */
  svg: string;
  /** The text the QR carries, shown under it. */
  payload: string;
  testId: string;
  /** The printable PNG: its heading, caption and file name. */
  png: { title: string; caption: string; fileName: string };
  onClose: () => void;
}

/** A QR code to show and download as a printable PNG (collection codes, registration codes). */
export function QrCodeDialog({ title, hint, svg, payload, testId, png, onClose }: QrCodeDialogProps) {
  const { busy, failed, run } = useBusyTask();
  const download = () =>
    run(async () => {
      const file = await renderStallCodePng({ qrSvg: svg, title: png.title, caption: png.caption });
      downloadFile(file, png.fileName, 'image/png');
    });
  return (
    <FormDialog title={title} submitLabel="" hideSubmit cancelLabel={t('common.close')} onSubmit={onClose} onCancel={onClose}>
      <p className="muted">{hint}</p>
      <div className="qr-box" data-testid={testId} dangerouslySetInnerHTML={{ __html: svg }} />
      <p>
        {t('pay.stalls.codePayload')}：<code className="mono">{payload}</code>
      </p>
      <button type="button" className="button button--small" disabled={busy} onClick={() => void download()}>
        {busy ? t('pay.stalls.downloading') : t('pay.stalls.download')}
      </button>
      {failed ? <p className="notice notice--error">{t('pay.stalls.downloadFailed')}</p> : null}
    </FormDialog>
  );
}
