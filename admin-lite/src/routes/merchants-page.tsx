import { useState } from 'react';
import { DataTable } from '../components/data-table.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { MerchantDialog } from '../components/merchant-dialog.tsx';
import { MerchantOperators } from '../components/merchant-operators.tsx';
import { MerchantStalls } from '../components/merchant-stalls.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { useActiveToggle } from '../hooks/use-active-toggle.ts';
import { useAudienceOptions } from '../hooks/use-audience-options.ts';
import { useCrudList } from '../hooks/use-crud-list.ts';
import { t } from '../i18n/index.ts';
import { percentText } from '../lib/payment-format.ts';
import { listMerchants, updateMerchant, type MerchantRow } from '../services/merchants.service.ts';
import type { AdminSession } from '../services/session.service.ts';

type Dialog = { kind: 'create' } | { kind: 'edit'; merchant: MerchantRow };

/** 商户与档口: merchants, and for the selected one its stalls (pricing, collection code) and operators. */
export function MerchantsPage({ session }: { session: AdminSession }) {
  const orgId = session.member.org_id;
  const [message, setMessage] = useState<string>();
  const { list: merchants, dialog, setDialog, close, refresh, done } = useCrudList<MerchantRow, Dialog>(() => listMerchants(orgId), [orgId], { onMessage: setMessage });
  const audience = useAudienceOptions(orgId);
  const [selectedId, setSelectedId] = useState<string>();
  const selected = merchants.data?.find((m) => m.id === selectedId);

  const toggle = useActiveToggle((merchant: MerchantRow, active: boolean) => updateMerchant(orgId, merchant.id, { active }), (active, merchant) => refresh(t(active ? 'pay.merchants.activated' : 'pay.merchants.deactivated', { name: merchant.name })));

  return (
    <div className="page">
      <div className="toolbar">
        <h1 className="page__title">{t('pay.merchants.title')}</h1>
        <button type="button" className="button" onClick={() => setDialog({ kind: 'create' })}>
          {t('pay.merchants.create')}
        </button>
      </div>
      <SuccessNotice message={message} />
      {merchants.error ? <ErrorNotice error={merchants.error} onRetry={merchants.reload} /> : null}
      {toggle.error ? <ErrorNotice error={toggle.error} /> : null}
      <DataTable
        loading={merchants.loading}
        rows={merchants.data}
        rowKey={(m) => m.id}
        empty={t('pay.merchants.empty')}
        columns={[
          { header: t('pay.merchants.name'), cell: (m) => m.name },
          { header: t('pay.merchants.contact'), cell: (m) => [m.contact_name, m.contact_phone].filter(Boolean).join(' ') || t('common.none') },
          { header: t('pay.merchants.subMchid'), cell: (m) => m.wechat_sub_mchid ?? <span className="muted">{t('pay.merchants.offline')}</span> },
          { header: t('pay.merchants.shareRate'), cell: (m) => `${percentText(m.share_rate_bp)}%` },
          { header: t('pay.status'), cell: (m) => (m.active ? t('pay.active') : t('pay.inactive')) },
          {
            header: t('common.actions'),
            cell: (m) => (
              <>
                <button type="button" className="button button--ghost button--small" onClick={() => setDialog({ kind: 'edit', merchant: m })}>
                  {t('common.edit')}
                </button>
                <button type="button" className="button button--ghost button--small" disabled={toggle.busy} onClick={() => void toggle.run(m)}>
                  {m.active ? t('pay.deactivate') : t('pay.activate')}
                </button>
                <button type="button" className="button button--ghost button--small" aria-pressed={m.id === selectedId} onClick={() => setSelectedId(m.id)}>
                  {t('pay.merchants.manage')}
                </button>
              </>
            ),
          },
        ]}
      />
      {selected ? (
        <div className="card">
          <MerchantStalls orgId={orgId} merchant={selected} departmentOptions={audience.departments} tags={audience.tags} onMessage={setMessage} />
          <MerchantOperators orgId={orgId} merchant={selected} onMessage={setMessage} />
        </div>
      ) : null}
      {dialog ? (
        <MerchantDialog
          orgId={orgId}
          merchant={dialog.kind === 'edit' ? dialog.merchant : undefined}
          onCancel={close}
          onDone={(row) => done(t('pay.merchants.saved', { name: row.name }))}
        />
      ) : null}
    </div>
  );
}
