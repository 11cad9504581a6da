export * from './form-schema.ts';
export * from './validate-answers.ts';
