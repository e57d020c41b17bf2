import { describe, expect, it } from 'vitest'
import { PERSONAL_DATA_MARK, withoutPersonalData } from './personal-data'

describe('withoutPersonalData', () => {
  it('marks contact details at any depth and keeps everything else', () => {
    const at = new Date('2026-11-22T10:00:00Z')
    const value = { id: 'e1', name: 'Groen Werkt BV', email: 'info@groenwerkt.nl', contactEmail: 'a@b.nl', phone: '0612345678', contactName: 'Anna', kvk: '12345678', at, partners: [{ contactName: 'Bob', share: 45 }] }
    expect(withoutPersonalData(value, 'organisation')).toEqual({
      id: 'e1',
      name: 'Groen Werkt BV',
      email: PERSONAL_DATA_MARK,
      contactEmail: PERSONAL_DATA_MARK,
      phone: PERSONAL_DATA_MARK,
      contactName: PERSONAL_DATA_MARK,
      kvk: '12345678',
      at,
      partners: [{ contactName: PERSONAL_DATA_MARK, share: 45 }],
    })
  })

  it("marks a person's name only on entities that are people", () => {
    expect(withoutPersonalData({ name: 'Jan Jansen', isChair: true }, 'jury_member')).toEqual({ name: PERSONAL_DATA_MARK, isChair: true })
    expect(withoutPersonalData({ name: 'Impact op SDG 3' }, 'jury_criterion')).toEqual({ name: 'Impact op SDG 3' })
  })

  it('keeps null and absent values as they are, so an unchanged empty field stays visible as empty', () => {
    expect(withoutPersonalData({ email: null, phone: undefined }, 'organisation')).toEqual({ email: null, phone: undefined })
    expect(withoutPersonalData(null, 'user')).toBeNull()
    expect(withoutPersonalData('text', 'user')).toBe('text')
  })
})
