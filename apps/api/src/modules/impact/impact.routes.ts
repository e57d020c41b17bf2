import type { App } from '../../lib/typed-app'
import { problemResponses } from '../../lib/route-schema'
import { ImpactDashboard, ImpactQuery } from './impact.schemas'
import { impactDashboard, type ImpactDeps } from './impact.service'

const tags = ['impact']

/** Public: the impact dashboard of one municipality (`?municipality=slug`) or of the whole platform. */
export async function impactRoutes(app: App, opts: { now: () => Date; annualBenefitCents: number }) {
  const deps: ImpactDeps = { db: app.db, now: opts.now, annualBenefitCents: opts.annualBenefitCents }
  app.get(
    '/impact',
    {
      schema: {
        tags,
        operationId: 'getImpactDashboard',
        summary: 'Impact dashboard: challenges, budget, proposals, enterprises reached, social return and pilots (public, aggregate only)',
        querystring: ImpactQuery,
        response: { 200: ImpactDashboard, ...problemResponses(404) },
      },
    },
    async (request) => impactDashboard(deps, request.query),
  )
}
