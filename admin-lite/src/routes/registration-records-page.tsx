import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { DataTable } from '../components/data-table.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { ROUTES } from '../constants/routes.ts';
import { useAsync } from '../hooks/use-async.ts';
import { useBusyTask } from '../hooks/use-busy-task.ts';
import { t } from '../i18n/index.ts';
import { downloadFile } from '../lib/download.ts';
import { formatDateTime } from '../lib/format.ts';
import { answerColumns, answerText, buildRecordsXlsx, recordsFileName } from '../lib/scenario-export.ts';
import { getRegistrationPoint, listRegistrationRecords, RECORDS_MAX_ROWS } from '../services/registration.service.ts';
import type { AdminSession } from '../services/session.service.ts';

/** 登记记录: a point's records, newest first, one column per form field, and the xlsx export. */
export function RegistrationRecordsPage({ session }: { session: AdminSession }) {
  const orgId = session.member.org_id;
  const { pointId = '' } = useParams();
  const point = useAsync(() => getRegistrationPoint(orgId, pointId), [orgId, pointId]);
  const records = useAsync(() => listRegistrationRecords(orgId, pointId), [orgId, pointId]);
  const rows = records.data?.rows;
  const columns = useMemo(() => answerColumns(point.data?.form ?? null, rows ?? []), [point.data, rows]);
  const { busy: exporting, failed: exportError, run: runExport } = useBusyTask();

  const onExport = async () => {
    if (!rows) return;
    await runExport(async () => {
      downloadFile(await buildRecordsXlsx(rows, point.data?.form ?? null), recordsFileName(point.data?.name ?? pointId));
    });
  };

  return (
    <div className="page">
      <div className="toolbar">
        <h1 className="page__title">{t('scenario.records.pageTitle', { name: point.data?.name ?? '' })}</h1>
        <div className="form-actions">
          <Link className="button button--ghost button--small" to={ROUTES.registrationPoints}>
            {t('scenario.records.back')}
          </Link>
          <button type="button" className="button button--small" disabled={exporting || !rows || rows.length === 0} onClick={() => void onExport()}>
            {exporting ? t('pay.exporting') : t('pay.export')}
          </button>
        </div>
      </div>
      {exportError ? <p className="notice notice--error">{t('pay.exportFailed')}</p> : null}
      {records.data?.truncated ? <p className="notice notice--warn">{t('scenario.records.truncated', { max: RECORDS_MAX_ROWS })}</p> : null}
      {point.error ? <ErrorNotice error={point.error} onRetry={point.reload} /> : null}
      {records.error ? <ErrorNotice error={records.error} onRetry={records.reload} /> : null}
      <DataTable
        loading={records.loading}
        rows={rows}
        rowKey={(r) => r.id}
        empty={t('scenario.records.empty')}
        columns={[
          { header: t('scenario.records.at'), cell: (r) => formatDateTime(r.at) },
          { header: t('scenario.stats.member'), cell: (r) => r.member_name ?? t('common.none') },
          { header: t('scenario.stats.employeeNo'), cell: (r) => r.employee_no ?? t('common.none') },
          ...columns.map((c) => ({ header: c.label, cell: (r: NonNullable<typeof rows>[number]) => answerText(r.answers?.[c.key]) || t('common.none') })),
        ]}
      />
    </div>
  );
}
