import { START_LOCATION, type RouteLocationNormalized } from 'vue-router'
import { describe, expect, it } from 'vitest'
import { scrollBehavior } from './router'

const page = (path: string) => ({ ...START_LOCATION, path, fullPath: path }) as RouteLocationNormalized

describe('scrollBehavior', () => {
  it('leaves the first page of a visit where it is: no scroll, no forced layout', () => {
    expect(scrollBehavior(page('/uitdagingen'), START_LOCATION, null)).toBe(false)
  })

  it('restores the saved position on Back, Forward and a reload', () => {
    expect(scrollBehavior(page('/uitdagingen'), START_LOCATION, { left: 0, top: 640 })).toEqual({ left: 0, top: 640 })
    expect(scrollBehavior(page('/uitdagingen'), page('/uitdagingen/1'), { left: 0, top: 320 })).toEqual({ left: 0, top: 320 })
  })

  it('starts a newly opened page at the top', () => {
    expect(scrollBehavior(page('/uitdagingen/1'), page('/uitdagingen'), null)).toEqual({ top: 0 })
  })
})
