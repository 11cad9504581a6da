import { MAIN_PAGES, SUB_PACKAGES } from './constants/routes';
import { t } from './i18n';

export default defineAppConfig({
  pages: MAIN_PAGES,
  subPackages: SUB_PACKAGES,
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1a5fe0',
    navigationBarTitleText: t('app.title'),
    navigationBarTextStyle: 'white',
  },
});
