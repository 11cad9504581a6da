import { t } from '../i18n/index.ts';
import { addOperator, listOperators, removeOperator, type MerchantRow } from '../services/merchants.service.ts';
import { MemberRoster } from './member-roster.tsx';

/** 收款员 of a merchant: who they are, add one (member search), remove one. */
export function MerchantOperators({ orgId, merchant, onMessage }: { orgId: string; merchant: MerchantRow; onMessage: (message: string) => void }) {
  return (
    <MemberRoster
      orgId={orgId}
      title={t('pay.operators.title')}
      hint={t('pay.operators.hint')}
      addLabel={t('pay.operators.add')}
      empty={t('pay.operators.empty')}
      toolbarClassName="toolbar__filters card"
      load={() => listOperators(orgId, merchant.id)}
      deps={[orgId, merchant.id]}
      add={(memberId) => addOperator(orgId, merchant.id, memberId)}
      remove={(row) => removeOperator(orgId, merchant.id, row.member_id)}
      addedText={(name) => t('pay.operators.added', { name })}
      removedText={(name) => t('pay.operators.removed', { name })}
      onMessage={onMessage}
    />
  );
}
