export * from './billing.ts';
export * from './sla.ts';
