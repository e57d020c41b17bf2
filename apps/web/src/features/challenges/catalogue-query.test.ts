import { describe, expect, it } from 'vitest'
import { catalogueFilters, catalogueQuery } from './catalogue-query'

describe('catalogueQuery', () => {
  it('sends the filters the URL holds, trimmed', () => {
    expect(catalogueQuery({ q: ' zon ', sdg: '7', municipality: ' voorbeeldstad ', status: 'published', enterpriseKind: 'sme' })).toEqual({
      q: 'zon',
      sdg: 7,
      municipality: 'voorbeeldstad',
      status: 'published',
      enterpriseKind: 'sme',
    })
  })

  it('leaves out what is empty, unknown or out of range', () => {
    expect(catalogueQuery({})).toEqual({})
    expect(catalogueQuery({ q: '  ', sdg: '18', status: 'secret', enterpriseKind: 'bank', municipality: '' })).toEqual({})
    expect(catalogueQuery({ sdg: 'x' })).toEqual({})
  })

  it('takes the first of repeated parameters', () => {
    expect(catalogueQuery({ sdg: ['3', '4'] })).toEqual({ sdg: 3 })
    expect(catalogueFilters({ q: ['a', 'b'] }).q).toBe('a')
    expect(catalogueFilters({ q: null }).q).toBe('')
  })
})
