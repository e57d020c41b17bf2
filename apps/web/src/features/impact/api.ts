import { api } from '../../api/client'
import type { ApiResponse } from '../../api/types'


export type ImpactDashboard = ApiResponse<'/impact', 'get'>
export type ImpactFigures = ImpactDashboard['figures']
export type PilotProgress = ImpactDashboard['pilots'][number]

export interface ImpactFilter {
  municipality?: string
  from?: string
  to?: string
}

export const getImpact = (query: ImpactFilter) => api.GET('/impact', { params: { query } })

/** A link to the open data behind the dashboard, with the same filter. */
export function openDataUrl(dataset: 'challenges' | 'questions' | 'results' | 'criteria' | 'impact', query: ImpactFilter, format: 'json' | 'csv'): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value)
  params.set('format', format)
  return `/api/v1/open-data/${dataset}?${params.toString()}`
}
