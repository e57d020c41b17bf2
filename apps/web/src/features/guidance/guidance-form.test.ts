import { describe, expect, it } from 'vitest'
import { emptyGuidanceForm, isGuidanceDirty, toGuidanceBody } from './guidance-form'

describe('toGuidanceBody', () => {
  const valid = { ...emptyGuidanceForm(), title: ' Routekaart ', slug: 'routekaart', markdown: '## Contact' }
  it('trims and builds the body', () => {
    expect(toGuidanceBody(valid)).toEqual({ body: { title: 'Routekaart', slug: 'routekaart', summary: '', audience: 'entrepreneurs', language: 'nl', markdown: '## Contact' }, errors: {} })
  })
  it('names the field of each problem', () => {
    expect(Object.keys(toGuidanceBody({ ...valid, title: ' ', slug: 'Met Hoofdletters' }).errors)).toEqual(['title', 'slug'])
    expect(Object.keys(toGuidanceBody({ ...valid, slug: 'a--b' }).errors)).toEqual(['slug'])
    expect(Object.keys(toGuidanceBody({ ...valid, title: 'x'.repeat(161), summary: 'x'.repeat(501), markdown: 'x'.repeat(50_001) }).errors)).toEqual(['title', 'summary', 'markdown'])
  })
})

describe('isGuidanceDirty', () => {
  it('notices any changed field', () => {
    const saved = emptyGuidanceForm()
    expect(isGuidanceDirty({ ...saved }, saved)).toBe(false)
    expect(isGuidanceDirty({ ...saved, markdown: 'x' }, saved)).toBe(true)
  })
})
