import { useState, type DependencyList } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { t } from '../i18n/index.ts';
import { DataTable } from './data-table.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { MemberSelect } from './member-select.tsx';

export interface RosterRow {
  member_id: string;
  name: string | null;
  employee_no: string | null;
}

export interface MemberRosterProps<R extends RosterRow> {
  orgId: string;
  title: string;
  hint: string;
  addLabel: string;
  empty: string;
  /** Classes of the section and of its add bar (they depend on where the roster sits). */
  sectionClassName?: string;
  toolbarClassName: string;
  load: () => Promise<R[]>;
  deps: DependencyList;
  add: (memberId: string) => Promise<unknown>;
  remove: (row: R) => Promise<unknown>;
  addedText: (name: string) => string;
  removedText: (name: string) => string;
  onMessage: (message: string) => void;
}

/** Members holding a role on something (收款员 of a merchant, 地点管理员 of a site): who they are, add one (member search), remove one. */
export function MemberRoster<R extends RosterRow>(props: MemberRosterProps<R>) {
  const { orgId, title, hint, addLabel, empty, sectionClassName, toolbarClassName, onMessage, addedText, removedText } = props;
  const rows = useAsync(props.load, props.deps);
  const [pick, setPick] = useState({ id: '', name: '' });
  const add = useAction(props.add);
  const remove = useAction(props.remove);

  const onAdd = async () => {
    const outcome = await add.run(pick.id);
    if (outcome.ok) {
      onMessage(addedText(pick.name));
      setPick({ id: '', name: '' });
      rows.reload();
    }
  };
  const onRemove = async (row: R) => {
    const outcome = await remove.run(row);
    if (outcome.ok) {
      onMessage(removedText(row.name ?? row.member_id));
      rows.reload();
    }
  };

  return (
    <section className={sectionClassName} aria-label={title}>
      <h2>{title}</h2>
      <p className="muted">{hint}</p>
      {rows.error ? <ErrorNotice error={rows.error} onRetry={rows.reload} /> : null}
      {add.error ? <ErrorNotice error={add.error} /> : null}
      {remove.error ? <ErrorNotice error={remove.error} /> : null}
      <div className={toolbarClassName}>
        <MemberSelect orgId={orgId} value={pick.id} onChange={(id, name) => setPick({ id, name })} />
        <button type="button" className="button button--small" disabled={!pick.id || add.busy} onClick={() => void onAdd()}>
          {addLabel}
        </button>
      </div>
      <DataTable
        loading={rows.loading}
        rows={rows.data}
        rowKey={(r) => r.member_id}
        empty={empty}
        columns={[
          { header: t('pay.member'), cell: (r) => r.name ?? t('pay.tx.unknownMember') },
          { header: t('pay.tx.employeeNo'), cell: (r) => r.employee_no ?? t('common.none') },
          {
            header: t('common.actions'),
            cell: (r) => (
              <button type="button" className="button button--ghost button--small button--danger-text" disabled={remove.busy} onClick={() => void onRemove(r)}>
                {t('common.remove')}
              </button>
            ),
          },
        ]}
      />
    </section>
  );
}
