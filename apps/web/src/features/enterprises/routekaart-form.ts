import type { UiMessage } from '../../composables/messages'
import type { CreateRoutekaartEntryBody, RoutekaartEntry } from './api'

export interface RoutekaartFormValues {
  theme: string
  contactName: string
  roleOrDepartment: string
  email: string
  phone: string
  description: string
  sdgGoals: string
  position: string
}

export type RoutekaartField = keyof RoutekaartFormValues

export const emptyRoutekaartForm = (): RoutekaartFormValues => ({ theme: '', contactName: '', roleOrDepartment: '', email: '', phone: '', description: '', sdgGoals: '', position: '0' })

export const toRoutekaartForm = (e: RoutekaartEntry): RoutekaartFormValues => ({
  theme: e.theme,
  contactName: e.contactName,
  roleOrDepartment: e.roleOrDepartment,
  email: e.email ?? '',
  phone: e.phone ?? '',
  description: e.description,
  sdgGoals: e.sdgGoals.join(', '),
  position: String(e.position),
})

/** "8, 10" → [8, 10]; anything that is not a list of distinct goals 1–17 is reported on the field. */
export function parseSdgGoals(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '')
  if (!parts.every((p) => /^\d{1,2}$/.test(p))) return null
  const goals = parts.map(Number)
  if (goals.some((g) => g < 1 || g > 17) || new Set(goals).size !== goals.length) return null
  return goals.sort((a, b) => a - b)
}

export function toRoutekaartBody(v: RoutekaartFormValues): { body: CreateRoutekaartEntryBody; errors: Partial<Record<RoutekaartField, UiMessage>> } {
  const errors: Partial<Record<RoutekaartField, UiMessage>> = {}
  if (v.theme.trim().length < 2) errors.theme = { key: 'validation.required', fieldKey: 'routekaart.editor.theme' }
  if (v.contactName.trim() === '') errors.contactName = { key: 'validation.required', fieldKey: 'routekaart.editor.contactName' }
  if (v.roleOrDepartment.trim() === '') errors.roleOrDepartment = { key: 'validation.required', fieldKey: 'routekaart.editor.roleOrDepartment' }
  const sdgGoals = parseSdgGoals(v.sdgGoals)
  if (sdgGoals === null) errors.sdgGoals = { key: 'routekaart.editor.sdgGoalsHint' }
  const position = /^\d{1,5}$/.test(v.position.trim()) ? Number(v.position.trim()) : NaN
  if (Number.isNaN(position)) errors.position = { key: 'validation.required', fieldKey: 'routekaart.editor.position' }
  return {
    errors,
    body: {
      theme: v.theme.trim(),
      contactName: v.contactName.trim(),
      roleOrDepartment: v.roleOrDepartment.trim(),
      email: v.email.trim() === '' ? null : v.email.trim(),
      phone: v.phone.trim() === '' ? null : v.phone.trim(),
      description: v.description.trim(),
      sdgGoals: sdgGoals ?? [],
      position: Number.isNaN(position) ? 0 : position,
    },
  }
}
