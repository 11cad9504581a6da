import { useState } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { DataTable } from '../components/data-table.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { MealPeriodDialog } from '../components/meal-period-dialog.tsx';
import { SubsidyPlanDialog } from '../components/subsidy-plan-dialog.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { useAudienceOptions } from '../hooks/use-audience-options.ts';
import { t } from '../i18n/index.ts';
import { formatDateTime } from '../lib/format.ts';
import { money } from '../lib/payment-format.ts';
import {
  deleteMealPeriod,
  listMealPeriods,
  listSubsidyPlans,
  listSubsidyRuns,
  removeSubsidyPlan,
  runSubsidies,
  type Audience,
  type MealPeriodRow,
  type SubsidyPlanRow,
} from '../services/canteen.service.ts';
import type { AdminSession } from '../services/session.service.ts';

type Dialog =
  | { kind: 'period'; period?: MealPeriodRow }
  | { kind: 'deletePeriod'; period: MealPeriodRow }
  | { kind: 'plan'; plan?: SubsidyPlanRow }
  | { kind: 'deletePlan'; plan: SubsidyPlanRow };

const amountText = (wallet: SubsidyPlanRow['wallet'], amount: number) => (wallet === 'count' ? t('pay.plans.tickets', { n: amount }) : money(amount));
const audienceText = (a: Audience) =>
  a.departments?.length || a.tags?.length || a.identities?.length
    ? t('pay.audience.some', { d: a.departments?.length ?? 0, t: a.tags?.length ?? 0, i: a.identities?.join('、') || 0 })
    : t('pay.audience.everyone');

/** 餐次与补贴: meal periods, subsidy plans, their runs, and 立即发放. */
export function SubsidiesPage({ session }: { session: AdminSession }) {
  const orgId = session.member.org_id;
  const periods = useAsync(() => listMealPeriods(orgId), [orgId]);
  const plans = useAsync(() => listSubsidyPlans(orgId), [orgId]);
  const runs = useAsync(() => listSubsidyRuns(orgId), [orgId]);
  const audience = useAudienceOptions(orgId);
  const [dialog, setDialog] = useState<Dialog>();
  const [message, setMessage] = useState<string>();
  const removePeriod = useAction((p: MealPeriodRow) => deleteMealPeriod(orgId, p.id));
  const removePlan = useAction((p: SubsidyPlanRow) => removeSubsidyPlan(orgId, p.id));
  const run = useAction(() => runSubsidies(orgId));
  const planName = (id: string) => plans.data?.find((p) => p.id === id)?.name ?? id;

  const onRun = async () => {
    const outcome = await run.run();
    if (!outcome.ok) return;
    const { granted, expired } = outcome.value;
    setMessage(granted.length + expired.length === 0 ? t('pay.runs.nothing') : t('pay.runs.result', { granted: granted.length, expired: expired.length }));
    runs.reload();
  };

  return (
    <div className="page">
      <h1 className="page__title">{t('pay.meals.title')}</h1>
      <SuccessNotice message={message} />
      {[periods.error, plans.error, runs.error, removePeriod.error, removePlan.error, run.error].map((error, i) => (error ? <ErrorNotice key={i} error={error} /> : null))}

      <div className="toolbar">
        <h2>{t('pay.meals.periods')}</h2>
        <button type="button" className="button button--small" onClick={() => setDialog({ kind: 'period' })}>
          {t('pay.meals.create')}
        </button>
      </div>
      <DataTable
        loading={periods.loading}
        rows={periods.data}
        rowKey={(p) => p.id}
        empty={t('pay.meals.empty')}
        columns={[
          { header: t('pay.meals.name'), cell: (p) => p.name },
          { header: t('pay.meals.time'), cell: (p) => `${p.starts}–${p.ends}` },
          {
            header: t('common.actions'),
            cell: (p) => (
              <>
                <button type="button" className="button button--ghost button--small" onClick={() => setDialog({ kind: 'period', period: p })}>
                  {t('common.edit')}
                </button>
                <button type="button" className="button button--ghost button--small button--danger-text" onClick={() => setDialog({ kind: 'deletePeriod', period: p })}>
                  {t('common.delete')}
                </button>
              </>
            ),
          },
        ]}
      />

      <div className="toolbar">
        <h2>{t('pay.plans.title')}</h2>
        <button type="button" className="button button--small" onClick={() => setDialog({ kind: 'plan' })}>
          {t('pay.plans.create')}
        </button>
      </div>
      <DataTable
        loading={plans.loading}
        rows={plans.data}
        rowKey={(p) => p.id}
        empty={t('pay.plans.empty')}
        columns={[
          { header: t('pay.plans.name'), cell: (p) => p.name },
          { header: t('pay.plans.amount'), cell: (p) => `${t(`pay.wallet.${p.wallet}`)} ${amountText(p.wallet, p.amount)}` },
          { header: t('pay.plans.cadence'), cell: (p) => t(`pay.plans.cadence.${p.cadence}`) },
          { header: t('pay.plans.expires'), cell: (p) => (p.expires_at_period_end ? t('pay.yes') : t('pay.no')) },
          { header: t('pay.plans.audience'), cell: (p) => audienceText(p.audience) },
          { header: t('pay.status'), cell: (p) => (p.active ? t('pay.active') : t('pay.inactive')) },
          {
            header: t('common.actions'),
            cell: (p) => (
              <>
                <button type="button" className="button button--ghost button--small" onClick={() => setDialog({ kind: 'plan', plan: p })}>
                  {t('common.edit')}
                </button>
                <button type="button" className="button button--ghost button--small button--danger-text" onClick={() => setDialog({ kind: 'deletePlan', plan: p })}>
                  {t('common.delete')}
                </button>
              </>
            ),
          },
        ]}
      />

      <div className="toolbar">
        <h2>{t('pay.runs.title')}</h2>
        <button type="button" className="button button--small" disabled={run.busy} onClick={() => void onRun()}>
          {run.busy ? t('pay.runs.running') : t('pay.runs.runNow')}
        </button>
      </div>
      <DataTable
        loading={runs.loading}
        rows={runs.data}
        rowKey={(r) => r.id}
        empty={t('pay.runs.empty')}
        columns={[
          { header: t('pay.runs.plan'), cell: (r) => planName(r.plan_id) },
          { header: t('pay.runs.period'), cell: (r) => r.period },
          { header: t('pay.runs.members'), cell: (r) => r.granted_members },
          { header: t('pay.runs.total'), cell: (r) => amountText(plans.data?.find((p) => p.id === r.plan_id)?.wallet ?? 'subsidy', r.granted_total) },
          { header: t('pay.runs.expired'), cell: (r) => (r.expired_total === null ? t('common.none') : amountText(plans.data?.find((p) => p.id === r.plan_id)?.wallet ?? 'subsidy', r.expired_total)) },
          { header: t('pay.runs.grantedAt'), cell: (r) => formatDateTime(r.granted_at) },
        ]}
      />

      {dialog?.kind === 'period' ? (
        <MealPeriodDialog
          orgId={orgId}
          period={dialog.period}
          onCancel={() => setDialog(undefined)}
          onDone={(row) => {
            setDialog(undefined);
            setMessage(t('pay.meals.saved', { name: row.name }));
            periods.reload();
          }}
        />
      ) : null}
      {dialog?.kind === 'plan' ? (
        <SubsidyPlanDialog
          orgId={orgId}
          plan={dialog.plan}
          departmentOptions={audience.departments}
          tags={audience.tags}
          onCancel={() => setDialog(undefined)}
          onDone={(row) => {
            setDialog(undefined);
            setMessage(t('pay.plans.saved', { name: row.name }));
            plans.reload();
          }}
        />
      ) : null}
      {dialog?.kind === 'deletePeriod' ? (
        <ConfirmDialog
          title={t('pay.meals.deleteTitle', { name: dialog.period.name })}
          confirmLabel={t('common.delete')}
          busyLabel={t('common.deleting')}
          busy={removePeriod.busy}
          danger
          onCancel={() => setDialog(undefined)}
          onConfirm={() =>
            void removePeriod.run(dialog.period).then((outcome) => {
              setDialog(undefined);
              if (outcome.ok) {
                setMessage(t('pay.meals.deleted', { name: dialog.period.name }));
                periods.reload();
              }
            })
          }
        >
          <p>{t('pay.meals.deleteBody')}</p>
        </ConfirmDialog>
      ) : null}
      {dialog?.kind === 'deletePlan' ? (
        <ConfirmDialog
          title={t('pay.plans.deleteTitle', { name: dialog.plan.name })}
          confirmLabel={t('common.delete')}
          busyLabel={t('common.deleting')}
          busy={removePlan.busy}
          danger
          onCancel={() => setDialog(undefined)}
          onConfirm={() =>
            void removePlan.run(dialog.plan).then((outcome) => {
              setDialog(undefined);
              if (outcome.ok) {
                setMessage(t(outcome.value === 'deleted' ? 'pay.plans.deleted' : 'pay.plans.deactivatedInstead', { name: dialog.plan.name }));
                plans.reload();
              }
            })
          }
        >
          <p>{t('pay.plans.deleteBody')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
