export * from './types.ts';
export * from './clock.ts';
export * from './rounding.ts';
export * from './wallet.ts';
export * from './refund.ts';
export * from './schema.ts';
export * from './price.ts';
export * from './explain.ts';
