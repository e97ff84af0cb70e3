export * from './local-date';
export * from './region';
export * from './bank-holidays';
export * from './working-days';
export * from './supported-days';
