export * from './markdown'
export * from './budget'
export * from './publication'
