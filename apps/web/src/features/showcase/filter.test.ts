import { describe, expect, it } from 'vitest'
import { filterFromQuery, municipalityOptions, queryFromForm } from './filter'

describe('showcase filter in the URL', () => {
  it('reads SDG, kind and municipality, and drops values the API would refuse', () => {
    expect(filterFromQuery({ sdg: '7', soort: 'sociaal', gemeente: 'voorbeeldstad' })).toEqual({ sdg: 7, socialEnterprise: true, municipality: 'voorbeeldstad' })
    expect(filterFromQuery({ soort: 'mkb' })).toEqual({ socialEnterprise: false })
    expect(filterFromQuery({ sdg: '18', soort: 'iets', gemeente: 'Voorbeeld Stad' })).toEqual({})
    expect(filterFromQuery({ sdg: '', gemeente: ' ' })).toEqual({})
    expect(filterFromQuery({ gemeente: ['den-haag', 'utrecht'] })).toEqual({ municipality: 'den-haag' })
    expect(filterFromQuery({ gemeente: 'a'.repeat(101) })).toEqual({})
  })

  it('writes only the chosen values, so an empty form clears the query', () => {
    expect(queryFromForm({ sdg: '', kind: '', municipality: '' })).toEqual({})
    expect(queryFromForm({ sdg: '3', kind: 'mkb', municipality: 'voorbeeldstad' })).toEqual({ sdg: '3', soort: 'mkb', gemeente: 'voorbeeldstad' })
    expect(filterFromQuery(queryFromForm({ sdg: '11', kind: 'sociaal', municipality: 's-hertogenbosch' }))).toEqual({ sdg: 11, socialEnterprise: true, municipality: 's-hertogenbosch' })
  })
})

describe('municipality choices', () => {
  const item = (name: string, slug: string) => ({ municipality: { name, slug } })
  it('lists each municipality with examples once, by name in Dutch order', () => {
    expect(municipalityOptions([item('Gemeente Zwolle', 'zwolle'), item('Gemeente Almere', 'almere'), item('Gemeente Zwolle', 'zwolle'), item("Gemeente 's-Hertogenbosch", 's-hertogenbosch')])).toEqual([
      { value: 's-hertogenbosch', label: "Gemeente 's-Hertogenbosch" },
      { value: 'almere', label: 'Gemeente Almere' },
      { value: 'zwolle', label: 'Gemeente Zwolle' },
    ])
    expect(municipalityOptions([])).toEqual([])
  })
  it('keeps a chosen municipality without examples selectable under its slug', () => {
    expect(municipalityOptions([item('Gemeente Almere', 'almere')], 'oud-dorp')).toEqual([
      { value: 'almere', label: 'Gemeente Almere' },
      { value: 'oud-dorp', label: 'oud-dorp' },
    ])
    expect(municipalityOptions([item('Gemeente Almere', 'almere')], 'almere')).toHaveLength(1)
  })
})
