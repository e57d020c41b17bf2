import { describe, expect, it } from 'vitest'
import { chooseContentCoding } from './content-coding'

describe('chooseContentCoding', () => {
  it('prefers brotli, falls back to gzip, and answers plain without a usable coding', () => {
    expect(chooseContentCoding('gzip, deflate, br')).toBe('br')
    expect(chooseContentCoding('gzip, deflate')).toBe('gzip')
    expect(chooseContentCoding('deflate')).toBeNull()
    expect(chooseContentCoding('identity')).toBeNull()
    expect(chooseContentCoding('')).toBeNull()
    expect(chooseContentCoding(undefined)).toBeNull()
  })

  it('follows q-values, q=0 refusals and the wildcard', () => {
    expect(chooseContentCoding('br;q=0.5, gzip;q=0.8')).toBe('gzip')
    expect(chooseContentCoding('br;q=0, gzip')).toBe('gzip')
    expect(chooseContentCoding('gzip;q=0, br;q=0')).toBeNull()
    expect(chooseContentCoding('*')).toBe('br')
    expect(chooseContentCoding('*;q=0.1, br;q=0')).toBe('gzip')
    expect(chooseContentCoding('GZIP ; Q=1')).toBe('gzip')
    expect(chooseContentCoding('br;q=banana, gzip')).toBe('gzip')
  })
})
