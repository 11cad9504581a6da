import { MAIN_PAGES, SUB_PACKAGES } from './constants/routes';
import { t } from './i18n';

export default defineAppConfig({
  pages: MAIN_PAGES,
  subPackages: SUB_PACKAGES,
  // 活动签到 sends the phone's location with the scanned code (events with a geofence).
  permission: {
    'scope.userLocation': { desc: t('events.locationPurpose') },
  },
  requiredPrivateInfos: ['getLocation'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1a5fe0',
    navigationBarTitleText: t('app.title'),
    navigationBarTextStyle: 'white',
  },
});
