// All tables, for drizzle-kit and the typed database handle. Each table lives with its feature module.
export * from '../modules/users/users.table'
export * from '../modules/auth/auth.table'
export * from '../modules/organisations/organisations.table'
export * from '../modules/invitations/invitations.table'
export * from '../modules/outbox/outbox.table'
export * from '../modules/audit/audit.table'
export * from '../modules/challenges/challenges.table'
export * from '../modules/documents/documents.table'
