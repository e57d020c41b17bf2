import type { App } from '../../lib/typed-app'
import { juryResultsRoutes } from './jury-results.routes'
import { juryScoringRoutes } from './jury-scoring.routes'
import { jurySetupRoutes } from './jury-setup.routes'

/** The whole jury feature (issue 4), registered with one line in app.ts. */
export async function juryRoutes(app: App, opts: { now: () => Date; publicUrl: string; dataDir: string; backgroundFromScorecards: number; backgroundFromPairs: number }) {
  await app.register(jurySetupRoutes, { now: opts.now, publicUrl: opts.publicUrl })
  await app.register(juryScoringRoutes, { now: opts.now, publicUrl: opts.publicUrl, dataDir: opts.dataDir, backgroundFromPairs: opts.backgroundFromPairs })
  await app.register(juryResultsRoutes, { now: opts.now, backgroundFromScorecards: opts.backgroundFromScorecards })
}
