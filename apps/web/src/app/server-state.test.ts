import { describe, expect, it } from 'vitest'
import { SERVER_STATE_ELEMENT_ID, readServerState, serializeServerState, takeServedCatalogue, type ServerState } from './server-state'
import { readFileSync } from 'node:fs'
import { LOCALE_STORAGE_KEY } from './locale'
import { SESSION_HINT } from '../features/auth/store'

const page = { items: [], nextCursor: 'abc' } as unknown as NonNullable<ServerState['catalogue']>['page']
const docWith = (text: string | null) => ({ getElementById: (id: string) => (id === SERVER_STATE_ELEMENT_ID && text !== null ? ({ textContent: text } as HTMLElement) : null) })

describe('server state', () => {
  it('survives the trip through a <script> element, markup in the data included', () => {
    const state: ServerState = { catalogue: { query: { q: '</script><script>alert(1)</script>' }, page } }
    const json = serializeServerState(state)
    expect(json).not.toContain('<')
    expect(readServerState(docWith(json))).toEqual(state)
  })

  it('is absent when the page has none or it is not JSON', () => {
    expect(readServerState(docWith(null))).toBeNull()
    expect(readServerState(docWith('{not json'))).toBeNull()
    expect(readServerState(docWith('null'))).toBeNull()
  })

  it('gives the served catalogue once, and only for the query it was rendered for (in any key order)', () => {
    const state: ServerState = { catalogue: { query: { sdg: 3, q: 'water' }, page } }
    expect(takeServedCatalogue(state, { q: 'water', sdg: 3 })).toBe(page)
    expect(takeServedCatalogue(state, { q: 'water', sdg: 3 })).toBeNull()
    const other: ServerState = { catalogue: { query: { q: 'water' }, page } }
    expect(takeServedCatalogue(other, { q: 'lucht' })).toBeNull()
    expect(other.catalogue).toBeUndefined()
  })
})

describe("index.html's guard script", () => {
  const html = readFileSync(new URL('../../index.html', import.meta.url), 'utf8')
  it('reads the keys the app writes, and removes the element the server writes the state into', () => {
    expect(html).toContain(`localStorage.getItem('${LOCALE_STORAGE_KEY}')`)
    expect(html).toContain(`localStorage.getItem('${SESSION_HINT}')`)
    expect(html).toContain(`getElementById('${SERVER_STATE_ELEMENT_ID}')`)
  })
})
