export * from './obligation';
export * from './duration';
export * from './profile';
export * from './profiles';
export * from './history';
export * from './deadline';
export * from './plan';
export * from './compliance';
