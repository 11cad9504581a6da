import { en } from './en.catalog.ts';
import { zhCN, type MessageKey } from './zh-cn.catalog.ts';

export type { MessageKey };
export type Locale = 'zh-CN' | 'en';

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

// The console is zh-CN only for now; a locale switch only has to change this.
let current: Locale = 'zh-CN';

export function setLocale(locale: Locale): void {
  current = locale;
}

/** Looks up a message and fills `{name}` placeholders; unknown placeholders stay visible. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template = catalogs[current][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}
