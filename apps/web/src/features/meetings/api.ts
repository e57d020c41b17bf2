import { api } from '../../api/client'
import type { ApiRequest, ApiResponse } from '../../api/types'

export type Meeting = ApiResponse<'/meetings/{meetingId}', 'get'>
export type MeetingKind = Meeting['kind']
export type MeetingPage = ApiResponse<'/meetings', 'get'>
export type Registration = ApiResponse<'/meetings/{meetingId}/registrations', 'get'>['items'][number]
export type CreateMeetingBody = ApiRequest<'/municipalities/{municipalityId}/meetings', 'post'>
export type UpdateMeetingBody = ApiRequest<'/meetings/{meetingId}', 'patch'>
export type RegisterBody = ApiRequest<'/meetings/{meetingId}/registration', 'put'>

export interface MeetingFilter {
  municipality?: string
  challengeId?: string
  kind?: MeetingKind
  cursor?: string
  limit?: number
}

export const listMeetings = (query: MeetingFilter = {}) => api.GET('/meetings', { params: { query } })
export const getMeeting = (meetingId: string) => api.GET('/meetings/{meetingId}', { params: { path: { meetingId } } })
export const listMyMeetings = () => api.GET('/me/meetings')
export const registerForMeeting = (meetingId: string, body: RegisterBody) => api.PUT('/meetings/{meetingId}/registration', { params: { path: { meetingId } }, body })
export const unregisterFromMeeting = (meetingId: string) => api.DELETE('/meetings/{meetingId}/registration', { params: { path: { meetingId } } })
export const listMunicipalityMeetings = (municipalityId: string) => api.GET('/municipalities/{municipalityId}/meetings', { params: { path: { municipalityId }, query: {} } })
export const createMeeting = (municipalityId: string, body: CreateMeetingBody) => api.POST('/municipalities/{municipalityId}/meetings', { params: { path: { municipalityId } }, body })
export const updateMeeting = (meetingId: string, body: UpdateMeetingBody) => api.PATCH('/meetings/{meetingId}', { params: { path: { meetingId } }, body })
export const publishMeeting = (meetingId: string, version: number) => api.POST('/meetings/{meetingId}/publish', { params: { path: { meetingId } }, body: { version } })
export const cancelMeeting = (meetingId: string, version: number, reason: string) =>
  api.POST('/meetings/{meetingId}/cancel', { params: { path: { meetingId } }, body: reason.trim() ? { version, reason: reason.trim() } : { version } })
export const listRegistrations = (meetingId: string) => api.GET('/meetings/{meetingId}/registrations', { params: { path: { meetingId } } })

/** The public calendar file: a plain link works for published meetings (no token needed). */
export const meetingIcsHref = (meetingId: string) => `/api/v1/meetings/${meetingId}/ics`

/** The registrations CSV needs the bearer token, so it is fetched through the client and handed over as a blob. */
export async function saveRegistrationsCsv(meetingId: string): Promise<boolean> {
  const { data, response } = await api.GET('/meetings/{meetingId}/registrations/csv', { params: { path: { meetingId } }, parseAs: 'blob' })
  if (!response.ok || !(data instanceof Blob)) return false
  const url = URL.createObjectURL(data)
  const link = document.createElement('a')
  link.href = url
  link.download = /filename="?([^";]+)"?/i.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'aanmeldingen.csv'
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return true
}
