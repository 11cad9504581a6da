import { useActiveToggle } from '../hooks/use-active-toggle.ts';
import { useCrudList } from '../hooks/use-crud-list.ts';
import { t } from '../i18n/index.ts';
import type { PickerOption } from '../lib/department-scope.ts';
import { describePricing } from '../lib/pricing-form.ts';
import { listStalls, updateStall, type MerchantRow, type StallRow } from '../services/merchants.service.ts';
import { DataTable } from './data-table.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { StallCodeDialog } from './stall-code-dialog.tsx';
import { StallDialog } from './stall-dialog.tsx';

type Dialog = { kind: 'create' } | { kind: 'edit'; stall: StallRow } | { kind: 'code'; stall: StallRow };

export interface MerchantStallsProps {
  orgId: string;
  merchant: MerchantRow;
  departmentOptions: readonly PickerOption[];
  tags: ReadonlyArray<{ id: string; name: string }>;
  onMessage: (message: string) => void;
}

/** A merchant's stalls: pricing in words, edit (pricing-rule editor), activate/deactivate, collection code. */
export function MerchantStalls({ orgId, merchant, departmentOptions, tags, onMessage }: MerchantStallsProps) {
  const { list: stalls, dialog, setDialog, close, refresh, done } = useCrudList<StallRow, Dialog>(() => listStalls(orgId, merchant.id), [orgId, merchant.id], { onMessage });
  const toggle = useActiveToggle((stall: StallRow, active: boolean) => updateStall(orgId, stall.id, { active }), (active, stall) => refresh(t(active ? 'pay.merchants.activated' : 'pay.merchants.deactivated', { name: stall.name })));

  return (
    <section aria-label={t('pay.stalls.title', { name: merchant.name })}>
      <div className="toolbar">
        <h2>{t('pay.stalls.title', { name: merchant.name })}</h2>
        <button type="button" className="button button--small" onClick={() => setDialog({ kind: 'create' })}>
          {t('pay.stalls.create')}
        </button>
      </div>
      {stalls.error ? <ErrorNotice error={stalls.error} onRetry={stalls.reload} /> : null}
      {toggle.error ? <ErrorNotice error={toggle.error} /> : null}
      <DataTable
        loading={stalls.loading}
        rows={stalls.data}
        rowKey={(s) => s.id}
        empty={t('pay.stalls.empty')}
        columns={[
          { header: t('pay.stalls.name'), cell: (s) => s.name },
          { header: t('pay.stalls.pricing'), cell: (s) => describePricing(s.pricing) },
          { header: t('pay.status'), cell: (s) => (s.active ? t('pay.active') : t('pay.inactive')) },
          {
            header: t('common.actions'),
            cell: (s) => (
              <>
                <button type="button" className="button button--ghost button--small" onClick={() => setDialog({ kind: 'edit', stall: s })}>
                  {t('common.edit')}
                </button>
                <button type="button" className="button button--ghost button--small" disabled={toggle.busy} onClick={() => void toggle.run(s)}>
                  {s.active ? t('pay.deactivate') : t('pay.activate')}
                </button>
                <button type="button" className="button button--ghost button--small" onClick={() => setDialog({ kind: 'code', stall: s })}>
                  {t('pay.stalls.code')}
                </button>
              </>
            ),
          },
        ]}
      />
      {dialog?.kind === 'create' || dialog?.kind === 'edit' ? (
        <StallDialog
          orgId={orgId}
          merchantId={merchant.id}
          stall={dialog.kind === 'edit' ? dialog.stall : undefined}
          departmentOptions={departmentOptions}
          tags={tags}
          onCancel={close}
          onDone={(stall) => done(t('pay.stalls.saved', { name: stall.name }))}
        />
      ) : null}
      {dialog?.kind === 'code' ? <StallCodeDialog stall={dialog.stall} merchantName={merchant.name} onClose={close} /> : null}
    </section>
  );
}
