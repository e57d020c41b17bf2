export * from './enterprise-profile'
