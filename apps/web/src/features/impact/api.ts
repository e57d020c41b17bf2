import { api } from '../../api/client'
import type { paths } from '../../api/schema'

type Json<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer B } } } } } ? B : never

export type ImpactDashboard = Json<'/impact'>
export type ImpactFigures = ImpactDashboard['figures']
export type PilotProgress = ImpactDashboard['pilots'][number]

export interface ImpactFilter {
  municipality?: string
  from?: string
  to?: string
}

export const getImpact = (query: ImpactFilter) => api.GET('/impact', { params: { query } })

/** A link to the open data behind the dashboard, with the same filter. */
export function openDataUrl(dataset: 'challenges' | 'questions' | 'results' | 'impact', query: ImpactFilter, format: 'json' | 'csv'): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value)
  params.set('format', format)
  return `/api/v1/open-data/${dataset}?${params.toString()}`
}
