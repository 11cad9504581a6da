export * from './apps.ts';
