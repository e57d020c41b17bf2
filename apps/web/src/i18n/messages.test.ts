import { describe, expect, it } from 'vitest'
import enCore from './en.json'
import enFeatures from './en.features.json'
import nlCore from './nl.json'
import nlFeatures from './nl.features.json'
import { messageEntries, messageKeys } from './message-keys'

const en = { ...enCore, ...enFeatures }
const nl = { ...nlCore, ...nlFeatures }

const valuesOf = (messages: object): string[] => messageEntries(messages).map(([, value]) => String(value))

describe('message files', () => {
  it('split each language the same way, with no namespace in both files', () => {
    expect(Object.keys(enCore)).toEqual(Object.keys(nlCore))
    expect(Object.keys(enFeatures)).toEqual(Object.keys(nlFeatures))
    expect(Object.keys(nlCore).filter((ns) => ns in nlFeatures)).toEqual([])
  })

  it('nl and en have exactly the same keys', () => {
    expect(messageKeys(en).sort()).toEqual(messageKeys(nl).sort())
  })

  it('have no empty messages', () => {
    expect(valuesOf(nl).filter((v) => v.trim() === '')).toEqual([])
    expect(valuesOf(en).filter((v) => v.trim() === '')).toEqual([])
  })

  // vue-i18n reads `@` as a linked message and `|` as a plural separator; literal ones must be escaped as {'@'}.
  it('contain no unescaped @ or |', () => {
    const unsafe = (v: string) => /[|]/.test(v) || /@/.test(v.replaceAll("{'@'}", ''))
    expect([...valuesOf(nl), ...valuesOf(en)].filter(unsafe)).toEqual([])
  })

  it('use the same placeholders in both languages', () => {
    const placeholders = (messages: object) =>
      Object.fromEntries(messageEntries(messages).map(([key, value]) => [key, [...String(value).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()]))
    expect(placeholders(en)).toEqual(placeholders(nl))
  })
})
