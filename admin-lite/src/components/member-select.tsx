import { useState } from 'react';
import { useAsync } from '../hooks/use-async.ts';
import { useDebouncedValue } from '../hooks/use-debounced-value.ts';
import { t } from '../i18n/index.ts';
import { listMembers } from '../services/members.service.ts';

export interface MemberSelectProps {
  orgId: string;
  /** '' = none chosen. */
  value: string;
  onChange: (memberId: string, label: string) => void;
  label?: string;
}

/** Search by name or employee number, then pick one of the first 20 matches. */
export function MemberSelect({ orgId, value, onChange, label = t('pay.member') }: MemberSelectProps) {
  const [term, setTerm] = useState('');
  const search = useDebouncedValue(term, 300);
  const members = useAsync(() => listMembers({ orgId, search: search || undefined, page: 1, pageSize: 20 }).then((p) => p.rows), [orgId, search]);
  const rows = members.data ?? [];
  return (
    <div className="field__row">
      <input className="input" aria-label={t('pay.memberSearch')} placeholder={t('pay.memberSearch')} value={term} onChange={(e) => setTerm(e.target.value)} />
      <select
        className="input"
        aria-label={label}
        value={value}
        onChange={(e) => {
          const row = rows.find((m) => m.id === e.target.value);
          onChange(e.target.value, row ? row.name : '');
        }}
      >
        <option value="">{t('pay.memberPick')}</option>
        {rows.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}（{m.employee_no ?? t('common.none')}）
          </option>
        ))}
      </select>
    </div>
  );
}
