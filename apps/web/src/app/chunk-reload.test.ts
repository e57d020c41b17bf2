import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { isChunkLoadError, reloadOnChunkFailure } from './chunk-reload'

const failingChunk = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module: http://localhost/assets/LoginView-abc.js'))

function setup(component: () => Promise<unknown>) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { template: '<p>home</p>' } },
      { path: '/inloggen', component: component as never },
    ],
  })
  const items = new Map<string, string>()
  const assigned: string[] = []
  reloadOnChunkFailure(router, {
    storage: { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) },
    assign: (url) => void assigned.push(url),
  })
  return { router, items, assigned }
}

describe('isChunkLoadError', () => {
  it('recognises the fetch failures of Chromium, Firefox, Safari and Vite, and nothing else', () => {
    expect(isChunkLoadError(new TypeError('Failed to fetch dynamically imported module: /assets/a.js'))).toBe(true)
    expect(isChunkLoadError(new TypeError('error loading dynamically imported module: /assets/a.js'))).toBe(true)
    expect(isChunkLoadError(new TypeError('Importing a module script failed.'))).toBe(true)
    expect(isChunkLoadError(new Error('Unable to preload CSS for /assets/a.css'))).toBe(true)
    expect(isChunkLoadError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false)
    expect(isChunkLoadError('Failed to fetch dynamically imported module')).toBe(false)
  })
})

describe('reloadOnChunkFailure', () => {
  it('loads the page afresh when its chunk cannot be fetched, once per address', async () => {
    const { router, assigned } = setup(failingChunk)
    await router.push('/').catch(() => undefined)
    await router.push('/inloggen?redirect=/x').catch(() => undefined)
    expect(assigned).toEqual(['/inloggen?redirect=/x'])
    await router.push('/inloggen?redirect=/x').catch(() => undefined)
    expect(assigned).toHaveLength(1)
  })

  it('leaves other errors to the page, and clears the mark after a successful navigation', async () => {
    let attempt = 0
    const { router, assigned, items } = setup(() => (++attempt === 1 ? failingChunk() : Promise.resolve({ template: '<p>login</p>' })))
    await router.push('/inloggen').catch(() => undefined)
    expect(assigned).toEqual(['/inloggen'])
    expect(items.size).toBe(1)
    await router.push('/inloggen')
    expect(items.size).toBe(0)

    const broken = setup(() => Promise.reject(new TypeError('x is not a function')))
    await broken.router.push('/inloggen').catch(() => undefined)
    expect(broken.assigned).toEqual([])
  })
})
