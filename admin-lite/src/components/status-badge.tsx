import { t } from '../i18n/index.ts';
import type { MemberStatus } from '../services/members.service.ts';

const LABELS = {
  active: 'members.status.active',
  disabled: 'members.status.disabled',
  left: 'members.status.left',
} as const;

export function StatusBadge({ status }: { status: MemberStatus }) {
  return <span className={`badge badge--${status}`}>{t(LABELS[status])}</span>;
}
