export * from './password-policy'
