export * from './accounts'
export * from './sdg'
export * from './lifecycle'
export * from './scoring'
