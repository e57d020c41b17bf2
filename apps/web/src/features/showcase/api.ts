import { api } from '../../api/client'
import type { ApiResponse } from '../../api/types'


export type ShowcaseItem = ApiResponse<'/showcase/{id}', 'get'>
export interface ShowcaseFilter {
  sdg?: number
  municipality?: string
  socialEnterprise?: boolean
}

export const listShowcase = (query: ShowcaseFilter) => api.GET('/showcase', { params: { query } })
export const getShowcaseItem = (id: string) => api.GET('/showcase/{id}', { params: { path: { id } } })
