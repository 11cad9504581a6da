import { useMemo, useState } from 'react';
import { AccessRuleDialog } from '../components/access-rule-dialog.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { useDepartments } from '../hooks/use-departments.ts';
import { useTags } from '../hooks/use-tags.ts';
import { t } from '../i18n/index.ts';
import { describeWeekdays, describeWindow, targetOf } from '../lib/access-rule-form.ts';
import { manageableDepartmentIds, pickerOptions } from '../lib/department-scope.ts';
import { deleteAccessRule, listAccessRules, type AccessRuleRow } from '../services/access-rules.service.ts';
import type { AdminProfile } from '../services/admin-profile.service.ts';
import { listPoints } from '../services/points.service.ts';
import type { AdminSession } from '../services/session.service.ts';

type Dialog = { kind: 'create' } | { kind: 'edit'; rule: AccessRuleRow } | { kind: 'delete'; rule: AccessRuleRow };

/** 通行规则: the rules, what they mean, and a form to change them. */
export function AccessRulesPage({ session, profile }: { session: AdminSession; profile: AdminProfile }) {
  const orgId = session.member.org_id;
  const rules = useAsync(() => listAccessRules(orgId), [orgId]);
  const points = useAsync(() => listPoints(orgId), [orgId]);
  const departments = useDepartments(orgId);
  const tags = useTags(orgId);
  const [dialog, setDialog] = useState<Dialog>();
  const [message, setMessage] = useState<string>();
  const manageable = useMemo(
    () => manageableDepartmentIds(departments.index, profile.is_super ? null : (profile.scope_department_ids ?? [])),
    [departments.index, profile.is_super, profile.scope_department_ids],
  );
  const departmentOptions = useMemo(() => pickerOptions(departments.tree, manageable), [departments.tree, manageable]);
  const remove = useAction((rule: AccessRuleRow) => deleteAccessRule(orgId, rule.id));

  const pointName = (id: string | null) => (id === null ? t('rules.allPoints') : (points.data?.find((p) => p.id === id)?.name ?? t('rules.unknown')));
  const targetName = (rule: AccessRuleRow) => {
    const target = targetOf(rule);
    switch (target.kind) {
      case 'everyone':
        return t('rules.target.everyone');
      case 'department':
        return `${t('rules.target.department')}：${departments.index.get(target.id)?.department.name ?? t('rules.unknown')}`;
      case 'tag':
        return `${t('rules.target.tag')}：${tags.data?.find((tag) => tag.id === target.id)?.name ?? t('rules.unknown')}`;
      case 'member':
        return `${t('rules.target.member')}：${rule.member_name ?? t('rules.unknown')}`;
    }
  };

  return (
    <div className="page">
      <div className="toolbar">
        <h1 className="page__title">{t('rules.title')}</h1>
        <button type="button" className="button" onClick={() => setDialog({ kind: 'create' })}>
          {t('rules.create')}
        </button>
      </div>
      <section className="card" aria-label={t('rules.semanticsTitle')}>
        <h2>{t('rules.semanticsTitle')}</h2>
        <ol>
          <li>{t('rules.semantics1')}</li>
          <li>{t('rules.semantics2')}</li>
          <li>{t('rules.semantics3')}</li>
          <li>{t('rules.semantics4')}</li>
        </ol>
      </section>
      <SuccessNotice message={message} />
      {rules.error ? <ErrorNotice error={rules.error} onRetry={rules.reload} /> : null}
      {remove.error ? <ErrorNotice error={remove.error} /> : null}
      <div className="card table-wrap">
        <table className="table" aria-busy={rules.loading}>
          <thead>
            <tr>
              <th>{t('rules.name')}</th>
              <th>{t('rules.point')}</th>
              <th>{t('rules.target')}</th>
              <th>{t('rules.effect')}</th>
              <th>{t('rules.weekdays')}</th>
              <th>{t('rules.time')}</th>
              <th>{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(rules.data ?? []).map((rule) => (
              <tr key={rule.id}>
                <td>{rule.name}</td>
                <td>{pointName(rule.point_id)}</td>
                <td>{targetName(rule)}</td>
                <td>{t(`rules.effect.${rule.effect}`)}</td>
                <td>{describeWeekdays(rule.weekdays)}</td>
                <td>{describeWindow(rule.time_from, rule.time_until)}</td>
                <td>
                  <button type="button" className="button button--ghost button--small" onClick={() => setDialog({ kind: 'edit', rule })}>
                    {t('common.edit')}
                  </button>
                  <button type="button" className="button button--ghost button--small button--danger-text" onClick={() => setDialog({ kind: 'delete', rule })}>
                    {t('common.delete')}
                  </button>
                </td>
              </tr>
            ))}
            {rules.data && rules.data.length === 0 ? (
              <tr>
                <td colSpan={7} className="table__empty">
                  {t('rules.empty')}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {dialog?.kind === 'create' || dialog?.kind === 'edit' ? (
        <AccessRuleDialog
          orgId={orgId}
          rule={dialog.kind === 'edit' ? dialog.rule : undefined}
          points={points.data ?? []}
          departmentOptions={departmentOptions}
          tags={tags.data ?? []}
          onCancel={() => setDialog(undefined)}
          onDone={(rule) => {
            setDialog(undefined);
            setMessage(t('rules.saved', { name: rule.name }));
            rules.reload();
          }}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <ConfirmDialog
          title={t('rules.deleteTitle', { name: dialog.rule.name })}
          confirmLabel={t('common.delete')}
          busyLabel={t('common.deleting')}
          busy={remove.busy}
          danger
          onCancel={() => setDialog(undefined)}
          onConfirm={() =>
            void remove.run(dialog.rule).then((outcome) => {
              setDialog(undefined);
              if (outcome.ok) {
                setMessage(t('rules.deleted', { name: dialog.rule.name }));
                rules.reload();
              }
            })
          }
        >
          <p>{t('rules.deleteBody')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
