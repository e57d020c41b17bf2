import { describe, expect, it } from 'vitest'
import { initialLocale, isAppLocale, LOCALE_STORAGE_KEY, rememberLocale } from './locale'

function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial))
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    values,
  }
}

describe('locale', () => {
  it('defaults to Dutch', () => {
    expect(initialLocale(undefined)).toBe('nl')
    expect(initialLocale(memoryStorage())).toBe('nl')
  })

  it('uses a remembered supported choice and ignores anything else', () => {
    expect(initialLocale(memoryStorage({ [LOCALE_STORAGE_KEY]: 'en' }))).toBe('en')
    expect(initialLocale(memoryStorage({ [LOCALE_STORAGE_KEY]: 'fr' }))).toBe('nl')
  })

  it('survives storage that throws', () => {
    const throwing = {
      getItem: () => {
        throw new Error('blocked')
      },
      setItem: () => {
        throw new Error('blocked')
      },
    }
    expect(initialLocale(throwing)).toBe('nl')
    expect(() => rememberLocale(throwing, 'en')).not.toThrow()
  })

  it('remembers the choice', () => {
    const storage = memoryStorage()
    rememberLocale(storage, 'en')
    expect(storage.values.get(LOCALE_STORAGE_KEY)).toBe('en')
  })

  it('knows the supported locales', () => {
    expect(isAppLocale('nl')).toBe(true)
    expect(isAppLocale('de')).toBe(false)
  })
})
