import { t } from '../i18n/index.ts';
import { maskIdCard } from '../lib/mask-id-card.ts';
import type { MemberRow } from '../services/members.service.ts';
import { StatusBadge } from './status-badge.tsx';

export interface MembersTableProps {
  rows: readonly MemberRow[];
  departmentName: (departmentId: string) => string | undefined;
  busy?: boolean;
}

export function MembersTable({ rows, departmentName, busy = false }: MembersTableProps) {
  const none = t('common.none');
  return (
    <div className="table-wrap">
      <table className="table" aria-busy={busy}>
        <thead>
          <tr>
            <th scope="col">{t('members.col.employeeNo')}</th>
            <th scope="col">{t('members.col.name')}</th>
            <th scope="col">{t('members.col.department')}</th>
            <th scope="col">{t('members.col.phone')}</th>
            <th scope="col">{t('members.col.idCard')}</th>
            <th scope="col">{t('members.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={6} className="table__empty">
                {busy ? t('common.loading') : t('members.empty')}
              </td>
            </tr>
          ) : (
            rows.map((member) => (
              <tr key={member.id}>
                <td className="mono">{member.employee_no ?? none}</td>
                <td>{member.name}</td>
                <td>{departmentName(member.department_id) ?? none}</td>
                <td className="mono">{member.phone ?? none}</td>
                <td className="mono">{maskIdCard(member.id_card_number) ?? none}</td>
                <td>
                  <StatusBadge status={member.status} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
