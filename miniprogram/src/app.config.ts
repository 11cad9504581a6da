import { MAIN_PAGES } from './constants/routes';
import { t } from './i18n';

export default defineAppConfig({
  pages: MAIN_PAGES,
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1a5fe0',
    navigationBarTitleText: t('app.title'),
    navigationBarTextStyle: 'white',
  },
});
