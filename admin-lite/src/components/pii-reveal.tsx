import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import { maskPhone } from '../lib/format.ts';
import { maskIdCard } from '../lib/mask-id-card.ts';
import { revealMemberPii, type PiiField } from '../services/member-pii.service.ts';
import type { MemberRow } from '../services/members.service.ts';
import { ErrorNotice } from './error-notice.tsx';

/** One masked value with 查看: the full value from member_reveal_pii, noted as audited. */
function RevealRow({ memberId, field, masked }: { memberId: string; field: PiiField; masked: string | null }) {
  const reveal = useAction(() => revealMemberPii(memberId, field));
  const [shown, setShown] = useState<{ value: string | null }>();
  const label = t(`pii.field.${field}`);
  const onReveal = async () => {
    const outcome = await reveal.run();
    if (outcome.ok) setShown({ value: outcome.value });
  };
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <span className="mono" data-testid={`pii-${field}`}>
          {shown ? (shown.value ?? t('pii.none')) : (masked ?? t('pii.none'))}
        </span>{' '}
        {shown ? (
          <small className="muted" role="status">
            {t('pii.recorded')}
          </small>
        ) : (
          <button type="button" className="button button--ghost button--small" disabled={reveal.busy} aria-label={t('pii.revealOf', { field: label })} onClick={() => void onReveal()}>
            {reveal.busy ? t('pii.revealing') : t('pii.reveal')}
          </button>
        )}
        {reveal.error ? <ErrorNotice error={reveal.error} /> : null}
      </dd>
    </div>
  );
}

/** 完整信息: the masked ID-card number and phone of a member, each revealable (every reveal is an audit row). */
export function PiiReveal({ member }: { member: MemberRow }) {
  return (
    <section aria-label={t('pii.title')}>
      <dl className="detail-list">
        <RevealRow memberId={member.id} field="id_card" masked={maskIdCard(member.id_card_number)} />
        <RevealRow memberId={member.id} field="phone" masked={member.phone ? maskPhone(member.phone) : null} />
      </dl>
      <p className="muted">{t('pii.hint')}</p>
    </section>
  );
}
