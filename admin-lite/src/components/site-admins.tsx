import { t } from '../i18n/index.ts';
import { addSiteAdmin, listSiteAdmins, removeSiteAdmin, type SiteRow } from '../services/visitor-settings.service.ts';
import { MemberRoster } from './member-roster.tsx';

/** 地点管理员 of a site: who they are, add one (member search), remove one. */
export function SiteAdmins({ orgId, site, onMessage }: { orgId: string; site: SiteRow; onMessage: (message: string) => void }) {
  return (
    <MemberRoster
      orgId={orgId}
      title={t('visitor.siteAdmins.title', { name: site.name })}
      hint={t('visitor.siteAdmins.hint')}
      addLabel={t('visitor.siteAdmins.add')}
      empty={t('visitor.siteAdmins.empty')}
      sectionClassName="card"
      toolbarClassName="toolbar__filters"
      load={() => listSiteAdmins(orgId, site.id)}
      deps={[orgId, site.id]}
      add={(memberId) => addSiteAdmin(orgId, site.id, memberId)}
      remove={(row) => removeSiteAdmin(orgId, site.id, row.member_id)}
      addedText={(name) => t('visitor.siteAdmins.added', { name })}
      removedText={(name) => t('visitor.siteAdmins.removed', { name })}
      onMessage={onMessage}
    />
  );
}
