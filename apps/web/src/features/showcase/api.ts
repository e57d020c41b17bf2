import { api } from '../../api/client'
import type { ApiResponse } from '../../api/types'
import type { ShowcaseFilter } from './filter'

export type { ShowcaseFilter } from './filter'
export type ShowcaseItem = ApiResponse<'/showcase/{id}', 'get'>

export const listShowcase = (query: ShowcaseFilter) => api.GET('/showcase', { params: { query } })
export const getShowcaseItem = (id: string) => api.GET('/showcase/{id}', { params: { path: { id } } })
