import { api } from '../../api/client'
import type { paths } from '../../api/schema'

type Json<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer B } } } } } ? B : never

export type ShowcaseItem = Json<'/showcase/{id}'>
export interface ShowcaseFilter {
  sdg?: number
  municipality?: string
  socialEnterprise?: boolean
}

export const listShowcase = (query: ShowcaseFilter) => api.GET('/showcase', { params: { query } })
export const getShowcaseItem = (id: string) => api.GET('/showcase/{id}', { params: { path: { id } } })
