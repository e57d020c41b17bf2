import { describe, expect, it } from 'vitest'
import { createAppI18n } from '../app/i18n'
import nlCore from '../i18n/nl.json'
import { messageFromProblem, renderMessage, type Translator } from './messages'

// The app's own i18n with only the Dutch core file, as on any page before a feature's messages are loaded.
const { t, te } = createAppI18n().global
const coreDutch: Translator = { t: (key, params) => (params ? t(key, params) : t(key)), te: (key) => te(key) }
const lookup = (key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], nlCore)

describe('messageFromProblem', () => {
  it('shows our Dutch wording for the answers any request can get (database down or busy, shutting down, server error), not the English detail', () => {
    for (const code of ['system.database_down', 'system.database_busy', 'system.shutting_down', 'server.error']) {
      const text = renderMessage(coreDutch, messageFromProblem({ type: `urn:opgave:problem:${code}`, title: 'Service unavailable', status: 503, code, detail: 'The database cannot be reached right now.' }))
      expect(text, code).toBe(lookup(`apiErrors.${code}`))
      expect(text).toMatch(/opnieuw/)
    }
  })

  it('falls back to the server’s detail for a code without our wording', () => {
    const text = renderMessage(coreDutch, messageFromProblem({ type: 'urn:opgave:problem:x.unknown', title: 'Conflict', status: 409, code: 'x.unknown', detail: 'Something specific.' }))
    expect(text).toBe('Something specific.')
  })
})
