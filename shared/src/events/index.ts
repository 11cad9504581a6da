export * from './event-code.ts';
