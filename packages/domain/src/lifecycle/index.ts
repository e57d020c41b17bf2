export * from './challenge-lifecycle'
export * from './challenge-schedule'
export * from './proposal-lifecycle'
