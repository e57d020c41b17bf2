import { baseCompile } from '@intlify/message-compiler'
import type { Plugin } from 'vite'

/** The app's message files: `src/i18n/<lang>.json` and `src/i18n/<lang>.features.json`. */
const MESSAGE_FILE = /[\\/]src[\\/]i18n[\\/][^\\/]+\.json$/

/** A compiled message (vue-i18n's AST, keys minified): what the runtime formats without a compiler. */
type MessageAst = { t: number; b?: { s?: string } }

/**
 * One message as the runtime should get it: the text itself when it is only text (vue-i18n returns a string
 * as is when the compiler is left out), otherwise its AST. Throws on a message vue-i18n cannot parse, so a
 * broken placeholder fails the build instead of showing a raw key to a visitor.
 */
export function precompileMessage(message: string, key = ''): string | MessageAst {
  const { ast } = baseCompile(message, {
    jit: true,
    minify: true,
    location: false,
    onError(error) {
      throw new Error(`message ${key ? `"${key}" ` : ''}cannot be compiled: ${error.message} in ${JSON.stringify(message)}`)
    },
  })
  const compiled = ast as unknown as MessageAst
  return compiled.b?.s === message ? message : compiled
}

/** Every string leaf of a message file compiled; the tree's shape (and so every key) stays as it is. */
export function precompileMessages(tree: unknown, key = ''): unknown {
  if (typeof tree === 'string') return precompileMessage(tree, key)
  if (Array.isArray(tree)) return tree.map((item, index) => precompileMessages(item, `${key}[${index}]`))
  if (tree !== null && typeof tree === 'object') {
    return Object.fromEntries(Object.entries(tree).map(([name, value]) => [name, precompileMessages(value, key ? `${key}.${name}` : name)]))
  }
  return tree
}

/**
 * vue-i18n compiles each message the first time it is shown, with a compiler that is a third of its bundle.
 * At build time the message files are compiled here instead (still JSON, so Vite's JSON plugin and the chunks
 * stay as they were), and the build leaves the compiler out (`__INTLIFY_DROP_MESSAGE_COMPILER__`, vite.config).
 * Dev and the unit tests use the plain files and the runtime compiler; the browser tests run the build.
 */
export function precompileMessagesPlugin(): Plugin {
  return {
    name: 'opgave-precompile-messages',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!MESSAGE_FILE.test(id.split('?')[0]!)) return null
      return { code: JSON.stringify(precompileMessages(JSON.parse(code))), map: null }
    },
  }
}
