export * from './builders';
export * from './campaign';
export * from './conditions';
export * from './duration';
export * from './eventTypes';
export * from './steps';
export * from './validate';
