import type { MessageKey } from './zh-CN';

// English catalogue; `Record<MessageKey, string>` makes tsc reject a missing key.
export const en: Record<MessageKey, string> = {
  'app.title': 'Yima',

  'common.loading': 'Loading…',
  'common.retry': 'Retry',

  'login.title': 'Sign in',
  'login.devHeading': 'Local demo accounts',
  'login.devHint': 'Local mode: tap one to sign in as that person',
  'login.noPersonas': 'No demo accounts available; run npm run reset first',
  'login.notLocal': 'WeChat, WeCom and SMS sign-in are coming soon',
  'login.signingIn': 'Signing in…',

  'home.title': 'My card',
  'home.name': 'Name',
  'home.employeeNo': 'Employee no.',
  'home.department': 'Department',
  'home.org': 'Organisation',
  'home.noDepartment': 'No department',
  'home.cardPlaceholder': 'The dynamic code is coming soon',
  'home.logout': 'Sign out',

  'error.permission': 'You do not have permission to do this',
  'error.sessionExpired': 'Your session has expired; please sign in again',
  'error.network': 'Network error; please try again later',
  'error.notFound': 'Nothing was found',
  'error.conflict': 'This already exists',
  'error.invalid': 'The submitted data is not valid',
  'error.server': 'The service is temporarily unavailable; please try again later',
  'error.malformedResponse': 'The service answered with data we do not understand',
  'error.unknown': 'Something went wrong; please try again later',
  'error.configMissingWeapp': 'Backend not configured: set TARO_APP_SUPABASE_URL and TARO_APP_SUPABASE_ANON_KEY when building the mini-program',
  'error.configLoadFailed': 'Could not read the runtime config ({url}); is the backend running?',
  'error.configInvalid': 'Incomplete runtime config: supabaseUrl and anonKey are required',
};
