import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

export type { MessageKey };
export type Locale = 'zh-CN' | 'en';

const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

// The UI is zh-CN; English exists for docs, logs and a later language switch.
let currentLocale: Locale = 'zh-CN';

export function setLocale(locale: Locale): void {
  currentLocale = locale;
}

export function getLocale(): Locale {
  return currentLocale;
}

/** Looks up a message and fills `{name}` placeholders from params. */
export function t(key: MessageKey, params?: Record<string, string | number>, locale: Locale = currentLocale): string {
  const template = catalogues[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
