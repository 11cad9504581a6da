import { useEffect, useRef } from 'react';
import { t } from '../i18n/index.ts';
import { formatDateTime } from '../lib/format.ts';
import { maskIdCard } from '../lib/mask-id-card.ts';
import type { MemberRow } from '../services/members.service.ts';
import { StatusBadge } from './status-badge.tsx';

export interface MembersTableProps {
  rows: readonly MemberRow[];
  departmentName: (departmentId: string) => string | undefined;
  busy?: boolean;
  /** Selected member ids; only members with a bound login (已领卡) can be selected. */
  selected: ReadonlySet<string>;
  onSelectionChange: (next: ReadonlySet<string>) => void;
}

/** Members with a bound login: the ones an unbind applies to. */
export const isClaimed = (member: MemberRow) => member.account_id !== null;

const COLUMN_COUNT = 8;

export function MembersTable({ rows, departmentName, busy = false, selected, onSelectionChange }: MembersTableProps) {
  const none = t('common.none');
  const selectable = rows.filter(isClaimed);
  const selectedOnPage = selectable.filter((m) => selected.has(m.id)).length;
  const allSelected = selectable.length > 0 && selectedOnPage === selectable.length;
  const headerBox = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (headerBox.current) headerBox.current.indeterminate = selectedOnPage > 0 && !allSelected;
  }, [selectedOnPage, allSelected]);

  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onSelectionChange(next);
  };
  const toggleAll = (on: boolean) => onSelectionChange(on ? new Set(selectable.map((m) => m.id)) : new Set());

  return (
    <div className="table-wrap">
      <table className="table" aria-busy={busy}>
        <thead>
          <tr>
            <th scope="col" className="table__check">
              <input
                ref={headerBox}
                type="checkbox"
                aria-label={t('members.selectAll')}
                checked={allSelected}
                disabled={selectable.length === 0}
                onChange={(event) => toggleAll(event.target.checked)}
              />
            </th>
            <th scope="col">{t('members.col.employeeNo')}</th>
            <th scope="col">{t('members.col.name')}</th>
            <th scope="col">{t('members.col.department')}</th>
            <th scope="col">{t('members.col.phone')}</th>
            <th scope="col">{t('members.col.idCard')}</th>
            <th scope="col">{t('members.col.status')}</th>
            <th scope="col">{t('members.col.claim')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={COLUMN_COUNT} className="table__empty">
                {busy ? t('common.loading') : t('members.empty')}
              </td>
            </tr>
          ) : (
            rows.map((member) => (
              <tr key={member.id} className={selected.has(member.id) ? 'is-selected' : undefined}>
                <td className="table__check">
                  <input
                    type="checkbox"
                    aria-label={t('members.selectRow', { name: member.name })}
                    title={isClaimed(member) ? undefined : t('members.unclaimedNoUnbind')}
                    checked={selected.has(member.id)}
                    disabled={!isClaimed(member)}
                    onChange={(event) => toggle(member.id, event.target.checked)}
                  />
                </td>
                <td className="mono">{member.employee_no ?? none}</td>
                <td>{member.name}</td>
                <td>{departmentName(member.department_id) ?? none}</td>
                <td className="mono">{member.phone ?? none}</td>
                <td className="mono">{maskIdCard(member.id_card_number) ?? none}</td>
                <td>
                  <StatusBadge status={member.status} />
                </td>
                <td>
                  <ClaimStatus member={member} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function ClaimStatus({ member }: { member: MemberRow }) {
  if (!isClaimed(member)) return <span className="badge badge--muted">{t('members.claim.unclaimed')}</span>;
  return (
    <span className="claim">
      <span className="badge badge--active">{t('members.claim.claimed')}</span>
      {member.claimed_at ? <small className="muted mono">{formatDateTime(member.claimed_at)}</small> : null}
    </span>
  );
}
