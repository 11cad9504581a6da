import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { codeWallet } from '../../hooks/use-code-credential';
import { t } from '../../i18n';
import { cardIdOfCredential, entryName, entryTarget } from '../../lib/portal';
import { navigateTo } from '../../platform/navigation';
import { CAN_OPEN_MINI_PROGRAM, openH5Link, openMiniProgram } from '../../platform/open-link';
import { showToast } from '../../platform/ui';
import { portalService, type PortalCategory, type PortalEntry } from '../../services/portal.service';
import './index.scss';

export interface PortalSectionProps {
  orgId: string;
  memberId: string;
  /** Reloads when the card page shows again (an admin may have changed the hall). */
  visible: boolean;
}

/** The card of this phone's credential for the member, else the newest live one on the server. */
async function myCardId(orgId: string, memberId: string): Promise<string | null> {
  const stored = codeWallet().credentialFor(orgId, memberId);
  const local = stored ? cardIdOfCredential(stored.credential) : null;
  return local ?? portalService.liveCardId({ orgId, memberId });
}

// 服务大厅 on the card page: portal_for_me(card) as categories of entries.
// Renders nothing while loading, offline, or when the hall is empty.
export function PortalSection({ orgId, memberId, visible }: PortalSectionProps) {
  const [categories, setCategories] = useState<PortalCategory[]>([]);

  useEffect(() => {
    if (!visible) return undefined;
    let current = true;
    (async () => {
      const cardId = await myCardId(orgId, memberId);
      const loaded = cardId ? await portalService.forMe(cardId) : [];
      if (current) setCategories(loaded.filter((category) => category.entries.length > 0));
    })().catch(() => undefined); // offline or refused: no hall; the card still works
    return () => {
      current = false;
    };
  }, [orgId, memberId, visible]);

  const open = async (entry: PortalEntry) => {
    const target = entryTarget(entry);
    try {
      if (target.type === 'page') await navigateTo(target.route);
      else if (target.type === 'h5') {
        if ((await openH5Link(target.url)) === 'copied') showToast(t('portal.linkCopied'));
      } else if (target.type === 'miniprogram') {
        if (CAN_OPEN_MINI_PROGRAM) await openMiniProgram(target.appId, target.path);
        else showToast(t('portal.openInWechat'));
      } else showToast(t('portal.unavailable'));
    } catch (caught) {
      const message = (caught as { errMsg?: string } | null)?.errMsg ?? '';
      if (!/cancel/i.test(message)) showToast(t('portal.openFailed'));
    }
  };

  if (!categories.length) return null;
  return (
    <View className="portal">
      {categories.map((category) => (
        <View key={category.id} className="portal__category" data-category={category.id}>
          <Text className="portal__heading">{category.name}</Text>
          <View className="portal__grid">
            {category.entries.map((entry) => {
              const name = entryName(entry);
              return (
                <View key={entry.id} className="portal__entry" data-entry={entry.id} data-kind={entry.kind} onClick={() => void open(entry)}>
                  <Text className="portal__icon">{name.slice(0, 1)}</Text>
                  <Text className="portal__name">{name}</Text>
                </View>
              );
            })}
          </View>
        </View>
      ))}
    </View>
  );
}
