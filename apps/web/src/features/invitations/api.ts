import { api } from '../../api/client'

export const getInvitation = (token: string) => api.GET('/invitations/{token}', { params: { path: { token } } })

export const acceptInvitation = (token: string) =>
  api.POST('/invitations/{token}/accept', { params: { path: { token } } })
