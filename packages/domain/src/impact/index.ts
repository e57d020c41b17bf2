export * from './impact-summary'
export * from './pilot-progress'
export * from './social-business-case'
