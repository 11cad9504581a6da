import { useState } from 'react';
import { ErrorNotice } from '../components/error-notice.tsx';
import { PointFormDialog, PointKeyDialog } from '../components/point-dialogs.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { t } from '../i18n/index.ts';
import { scopeNames } from '../lib/scopes.ts';
import { listPoints, updatePoint, type PointRow } from '../services/points.service.ts';
import type { AdminSession } from '../services/session.service.ts';

type Dialog = { kind: 'create' } | { kind: 'edit'; point: PointRow } | { kind: 'key'; point: PointRow };

/** 设备: verification points (doors, gates, POS…), their state and API keys. */
export function PointsPage({ session }: { session: AdminSession }) {
  const orgId = session.member.org_id;
  const points = useAsync(() => listPoints(orgId), [orgId]);
  const [dialog, setDialog] = useState<Dialog>();
  const [message, setMessage] = useState<string>();
  const toggle = useAction((point: PointRow) => updatePoint(orgId, point.id, { active: !point.active }));

  const onToggle = async (point: PointRow) => {
    const outcome = await toggle.run(point);
    if (outcome.ok) {
      setMessage(t(outcome.value.active ? 'points.activated' : 'points.deactivated', { name: point.name }));
      points.reload();
    }
  };

  return (
    <div className="page">
      <div className="toolbar">
        <h1 className="page__title">{t('points.title')}</h1>
        <button type="button" className="button" onClick={() => setDialog({ kind: 'create' })}>
          {t('points.create')}
        </button>
      </div>
      <p className="muted">{t('points.hint')}</p>
      <SuccessNotice message={message} />
      {points.error ? <ErrorNotice error={points.error} onRetry={points.reload} /> : null}
      {toggle.error ? <ErrorNotice error={toggle.error} /> : null}
      <div className="card table-wrap">
        <table className="table" aria-busy={points.loading}>
          <thead>
            <tr>
              <th>{t('points.name')}</th>
              <th>{t('points.kind')}</th>
              <th>{t('points.location')}</th>
              <th>{t('points.requiredScopes')}</th>
              <th>{t('points.status')}</th>
              <th>{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(points.data ?? []).map((point) => (
              <tr key={point.id}>
                <td>{point.name}</td>
                <td>{t(`points.kind.${point.kind}`)}</td>
                <td>{point.location ?? t('common.none')}</td>
                <td>{scopeNames(point.required_scopes).map((s) => t(`scope.${s}`)).join('、') || t('common.none')}</td>
                <td>{point.active ? t('points.active') : t('points.inactive')}</td>
                <td>
                  <button type="button" className="button button--ghost button--small" onClick={() => setDialog({ kind: 'edit', point })}>
                    {t('common.edit')}
                  </button>
                  <button type="button" className="button button--ghost button--small" disabled={toggle.busy} onClick={() => void onToggle(point)}>
                    {point.active ? t('points.deactivate') : t('points.activate')}
                  </button>
                  <button type="button" className="button button--ghost button--small" onClick={() => setDialog({ kind: 'key', point })}>
                    {t('points.issueKey')}
                  </button>
                </td>
              </tr>
            ))}
            {points.data && points.data.length === 0 ? (
              <tr>
                <td colSpan={6} className="table__empty">
                  {t('points.empty')}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {dialog?.kind === 'create' || dialog?.kind === 'edit' ? (
        <PointFormDialog
          orgId={orgId}
          point={dialog.kind === 'edit' ? dialog.point : undefined}
          onCancel={() => setDialog(undefined)}
          onDone={(row) => {
            setDialog(undefined);
            setMessage(t('points.saved', { name: row.name }));
            points.reload();
          }}
        />
      ) : null}
      {dialog?.kind === 'key' ? <PointKeyDialog point={dialog.point} onClose={() => setDialog(undefined)} /> : null}
    </div>
  );
}
