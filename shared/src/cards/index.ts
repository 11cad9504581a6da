export * from './card-design.ts';
