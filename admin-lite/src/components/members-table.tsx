import { useEffect, useRef } from 'react';
import { t } from '../i18n/index.ts';
import { formatShortDateTime } from '../lib/format.ts';
import { maskIdCard } from '../lib/mask-id-card.ts';
import type { MemberRow } from '../services/members.service.ts';
import { StatusBadge } from './status-badge.tsx';

export interface MembersTableProps {
  rows: readonly MemberRow[];
  departmentName: (departmentId: string) => string | undefined;
  busy?: boolean;
  /** Selected member ids (for the bulk actions). */
  selected: ReadonlySet<string>;
  onSelectionChange: (next: ReadonlySet<string>) => void;
  /** Row action 编辑; absent = no actions column. */
  onEdit?: (member: MemberRow) => void;
}

/** Members with a bound login (已领卡). */
export const isClaimed = (member: MemberRow) => member.account_id !== null;

export function MembersTable({ rows, departmentName, busy = false, selected, onSelectionChange, onEdit }: MembersTableProps) {
  const none = t('common.none');
  const selectedOnPage = rows.filter((m) => selected.has(m.id)).length;
  const allSelected = rows.length > 0 && selectedOnPage === rows.length;
  const headerBox = useRef<HTMLInputElement>(null);
  const columnCount = onEdit ? 10 : 9;

  useEffect(() => {
    if (headerBox.current) headerBox.current.indeterminate = selectedOnPage > 0 && !allSelected;
  }, [selectedOnPage, allSelected]);

  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onSelectionChange(next);
  };
  const toggleAll = (on: boolean) => onSelectionChange(on ? new Set(rows.map((m) => m.id)) : new Set());

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
                disabled={rows.length === 0}
                onChange={(event) => toggleAll(event.target.checked)}
              />
            </th>
            <th scope="col">{t('members.col.employeeNo')}</th>
            <th scope="col">{t('members.col.name')}</th>
            <th scope="col">{t('members.col.department')}</th>
            <th scope="col">{t('members.col.phone')}</th>
            <th scope="col">{t('members.col.idCard')}</th>
            <th scope="col">{t('members.col.tags')}</th>
            <th scope="col">{t('members.col.status')}</th>
            <th scope="col">{t('members.col.claim')}</th>
            {onEdit ? (
              <th scope="col" className="table__actions">
                {t('members.col.actions')}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columnCount} className="table__empty">
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
                    checked={selected.has(member.id)}
                    onChange={(event) => toggle(member.id, event.target.checked)}
                  />
                </td>
                <td className="mono">{member.employee_no ?? none}</td>
                <td>{member.name}</td>
                <td>{departmentName(member.department_id) ?? none}</td>
                <td className="mono">{member.phone ?? none}</td>
                <td className="mono">{maskIdCard(member.id_card_number) ?? none}</td>
                <td className="table__tags">
                  {member.tags.length === 0 ? (
                    <span className="muted">{none}</span>
                  ) : (
                    member.tags.map((tag) => (
                      <span key={tag.id} className="chip">
                        {tag.name}
                      </span>
                    ))
                  )}
                </td>
                <td>
                  <StatusBadge status={member.status} />
                </td>
                <td>
                  <ClaimStatus member={member} />
                </td>
                {onEdit ? (
                  <td className="table__actions">
                    <button
                      type="button"
                      className="button button--ghost button--small"
                      aria-label={t('members.editRow', { name: member.name })}
                      onClick={() => onEdit(member)}
                    >
                      {t('members.edit')}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function ClaimStatus({ member }: { member: MemberRow }) {
  if (!isClaimed(member)) {
    const invite = member.last_invite;
    return (
      <span className="claim">
        <span className="badge badge--muted">{t('members.claim.unclaimed')}</span>
        {invite ? (
          <small className={invite.status === 'failed' ? 'text-danger' : 'muted'}>
            {t(invite.status === 'failed' ? 'members.claim.inviteFailed' : 'members.claim.invited', { time: formatShortDateTime(invite.created_at) })}
          </small>
        ) : null}
      </span>
    );
  }
  return (
    <span className="claim">
      <span className="badge badge--active">{t('members.claim.claimed')}</span>
      {member.claimed_at ? <small className="muted mono">{formatShortDateTime(member.claimed_at)}</small> : null}
    </span>
  );
}
