import { describe, expect, it } from 'vitest'
import { loadErrorMessage } from './load-error'

describe('loadErrorMessage', () => {
  it.each([
    [null, 'common.networkError'],
    [400, 'common.notFound'],
    [403, 'common.forbidden'],
    [404, 'common.notFound'],
    [410, 'common.notFound'],
    [500, 'common.unknownError'],
    [503, 'common.unavailable'],
  ])('%s → %s', (status, key) => {
    expect(loadErrorMessage(status)).toEqual({ key })
  })
})
