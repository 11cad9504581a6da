export * from './identity-numbers.ts';
export * from './import-template.ts';
export * from './validate-import.ts';
