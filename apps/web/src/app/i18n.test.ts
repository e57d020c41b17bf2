import { describe, expect, it } from 'vitest'
import { createAppI18n, prepareRouteMessages } from './i18n'

describe('prepareRouteMessages', () => {
  it('merges the features file before a feature page, once, and leaves the core routes alone', async () => {
    const i18n = createAppI18n()
    const prepare = prepareRouteMessages(i18n.global)
    expect(prepare({ name: 'challenges' })).toBeUndefined()
    expect('jury' in i18n.global.getLocaleMessage('nl')).toBe(false)
    await prepare({ name: 'login' })
    expect('jury' in i18n.global.getLocaleMessage('nl')).toBe(true)
    expect(i18n.global.t('nav.challenges')).toBe('Uitdagingen')
    await prepare({ name: 'jury' })
    expect('app' in i18n.global.getLocaleMessage('nl')).toBe(true)
  })
})
