/**
 * Everything the bench takes from the app, in one place. drizzle-orm comes from the api's own
 * node_modules so the bench uses the very instance the app's tables were built with.
 */
export { buildApp } from '../../apps/api/src/app'
export { loadConfig } from '../../apps/api/src/config'
export { createDatabase, queryRows, type DatabaseHandle, type Database } from '../../apps/api/src/db/client'
export { challenges, challengeBudgetLines } from '../../apps/api/src/modules/challenges/challenges.table'
export { organisations } from '../../apps/api/src/modules/organisations/organisations.table'
export { listPublicChallenges } from '../../apps/api/src/modules/challenges/challenges.catalogue'
export { sql, like, inArray, eq } from '../../apps/api/node_modules/drizzle-orm'
export { juryRounds, juryScorecards } from '../../apps/api/src/modules/jury/jury.table'
export { computeResults, getResults, roundInputs } from '../../apps/api/src/modules/jury/jury-results.service'
export { scoresCsv } from '../../apps/api/src/modules/jury/jury-report.service'
