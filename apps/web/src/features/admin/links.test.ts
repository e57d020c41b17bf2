import { describe, expect, it } from 'vitest'
import { splitLinks } from './links'

describe('splitLinks', () => {
  it('finds http(s) links and leaves trailing punctuation in the text', () => {
    expect(splitLinks('Accept: https://opgave.test/uitnodigingen/abc123. Thanks')).toEqual([
      { kind: 'text', text: 'Accept: ' },
      { kind: 'link', href: 'https://opgave.test/uitnodigingen/abc123' },
      { kind: 'text', text: '. Thanks' },
    ])
  })

  it('returns plain text untouched and never links other schemes', () => {
    expect(splitLinks('javascript:alert(1) and mailto:a@b.c')).toEqual([
      { kind: 'text', text: 'javascript:alert(1) and mailto:a@b.c' },
    ])
    expect(splitLinks('')).toEqual([])
  })

  it('handles several links on separate lines', () => {
    const segments = splitLinks('http://a.test/x\nhttp://b.test/y')
    expect(segments.filter((s) => s.kind === 'link')).toHaveLength(2)
  })
})
