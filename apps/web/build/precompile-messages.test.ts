import { compile, type LocaleMessage, type MessageCompiler } from '@intlify/core-base'
import { describe, expect, it } from 'vitest'
import { createI18n, type VueMessageType } from 'vue-i18n'
import en from '../src/i18n/en.json'
import enFeatures from '../src/i18n/en.features.json'
import nl from '../src/i18n/nl.json'
import nlFeatures from '../src/i18n/nl.features.json'
import { messageKeys } from '../src/i18n/message-keys'
import { precompileMessage, precompileMessages } from './precompile-messages'

/** Named values for any placeholder: `{title}` renders as `<title>`. */
const anyNamed = new Proxy({} as Record<string, string>, { get: (_, name) => (typeof name === 'string' ? `<${name}>` : undefined) })

describe('precompileMessage', () => {
  it('keeps a message that is only text as its text', () => {
    expect(precompileMessage('Uitdagingen')).toBe('Uitdagingen')
    expect(precompileMessage("50% korting, it's")).toBe("50% korting, it's")
  })

  it('compiles placeholders, plurals and linked messages to an AST', () => {
    expect(precompileMessage('Hallo {name}')).toEqual({ t: 0, b: { t: 2, i: [{ t: 3, v: 'Hallo ' }, { t: 4, k: 'name' }] } })
    expect(precompileMessage('geen | één | {n} stuks')).toMatchObject({ t: 0, b: { t: 1 } })
    expect(precompileMessage('@:app.title')).toMatchObject({ t: 0, b: { t: 2 } })
  })

  it('fails the build on a message vue-i18n cannot parse, naming its key', () => {
    expect(() => precompileMessages({ contact: { mail: 'Mail info@example.nl' } })).toThrow(/"contact\.mail" cannot be compiled/)
    expect(() => precompileMessages({ intro: 'Hallo {name' })).toThrow(/"intro" cannot be compiled/)
  })
})

/**
 * What the build's runtime does with a message: vue-i18n without its compiler returns a string as it is
 * and formats an AST. (The test runs vue-i18n's full build, which would compile a string that still has syntax.)
 */
const asInTheBuild: MessageCompiler = (message, context) => (typeof message === 'string' ? () => message : compile(message, context))

describe.each([
  ['nl', { ...nl, ...nlFeatures }],
  ['en', { ...en, ...enFeatures }],
])('the %s messages, precompiled', (locale, messages) => {
  const render = (tree: unknown, messageCompiler?: MessageCompiler) => {
    const { t } = createI18n({ legacy: false, locale, missingWarn: false, fallbackWarn: false, messageCompiler, messages: { [locale]: tree as LocaleMessage<VueMessageType> } }).global
    return (key: string) => [t(key, anyNamed), t(key, 0), t(key, 1), t(key, 5)]
  }
  const compiled = precompileMessages(messages)
  const fromSource = render(messages)
  const fromBuild = render(compiled, asInTheBuild)
  const keys = messageKeys(messages)

  it('render exactly as the runtime compiler renders them, for every key', () => {
    expect(keys.length).toBeGreaterThan(500)
    const differing = keys.filter((key) => JSON.stringify(fromBuild(key)) !== JSON.stringify(fromSource(key)))
    expect(differing).toEqual([])
  })

  it('keep plain text as text and compile only what has syntax', () => {
    const leaves = messageKeys(compiled as object).length
    expect(leaves).toBeGreaterThan(keys.length) // ASTs add leaves of their own
    expect(JSON.stringify(compiled)).toContain('"t":4') // a named placeholder
  })
})
