import { useMemo } from 'react';
import { t } from '../i18n/index.ts';
import { stallCodeFileName, stallCodePayload, stallQrSvg } from '../lib/stall-code.ts';
import type { StallRow } from '../services/merchants.service.ts';
import { QrCodeDialog } from './qr-code-dialog.tsx';

/** 收款码: the stall's QR (`yima:stall:<id>`) and a PNG to print. */
export function StallCodeDialog({ stall, merchantName, onClose }: { stall: StallRow; merchantName: string; onClose: () => void }) {
  const svg = useMemo(() => stallQrSvg(stall.id), [stall.id]);
  return (
    <QrCodeDialog
      title={t('pay.stalls.codeTitle', { name: stall.name })}
      hint={t('pay.stalls.codeHint')}
      svg={svg}
      payload={stallCodePayload(stall.id)}
      testId="stall-qr"
      png={{ title: `${merchantName} · ${stall.name}`, caption: t('pay.stalls.codeCaption'), fileName: stallCodeFileName(merchantName, stall.name) }}
      onClose={onClose}
    />
  );
}
