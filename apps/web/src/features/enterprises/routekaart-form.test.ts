import { describe, expect, it } from 'vitest'
import { emptyRoutekaartForm, parseSdgGoals, toRoutekaartBody } from './routekaart-form'

describe('routekaart form', () => {
  it('parses SDG lists', () => {
    expect(parseSdgGoals('10, 8')).toEqual([8, 10])
    expect(parseSdgGoals('')).toEqual([])
    expect(parseSdgGoals('18')).toBeNull()
    expect(parseSdgGoals('8, 8')).toBeNull()
    expect(parseSdgGoals('acht')).toBeNull()
  })
  it('requires theme, name and role; empty contact details become null', () => {
    const empty = toRoutekaartBody(emptyRoutekaartForm())
    expect(Object.keys(empty.errors).sort()).toEqual(['contactName', 'roleOrDepartment', 'theme'])
    const ok = toRoutekaartBody({ ...emptyRoutekaartForm(), theme: 'Werk', contactName: 'Wim', roleOrDepartment: 'Team Werk', sdgGoals: '8' })
    expect(ok.errors).toEqual({})
    expect(ok.body).toMatchObject({ email: null, phone: null, sdgGoals: [8], position: 0 })
  })
})
