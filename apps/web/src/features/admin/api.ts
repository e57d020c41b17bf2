import { api } from '../../api/client'

export const listOutbox = () => api.GET('/admin/outbox')

export type JobListState = 'failed' | 'waiting' | 'active'
export const listJobs = (state: JobListState) => api.GET('/admin/jobs', { params: { query: { state, limit: 50 } } })
