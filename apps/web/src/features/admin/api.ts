import { api } from '../../api/client'

export const listOutbox = () => api.GET('/admin/outbox')
