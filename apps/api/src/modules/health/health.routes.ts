import { Type } from '@sinclair/typebox'
import type { App } from '../../lib/typed-app'
import { problemResponses } from '../../lib/route-schema'
import { isDatabaseReachable } from '../../db/client'
import { defineProblem } from '../../lib/problem'

const databaseDown = defineProblem(503, 'system.database_down', 'Service unavailable')

const Health = Type.Object({ status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]), database: Type.Union([Type.Literal('up'), Type.Literal('down')]) })

export async function healthRoutes(app: App) {
  app.get(
    '/health',
    {
      config: { rateLimit: false },
      schema: { tags: ['system'], operationId: 'getHealth', summary: 'Liveness and database reachability', response: { 200: Health, ...problemResponses(503) } },
    },
    async () => {
      const up = await isDatabaseReachable(app.db)
      if (!up) throw databaseDown('The database cannot be reached.')
      return { status: 'ok' as const, database: 'up' as const }
    },
  )
}
