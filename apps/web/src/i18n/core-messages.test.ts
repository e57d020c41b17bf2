import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CORE_MESSAGE_ROUTES } from '../app/i18n'
import { routes } from '../app/router'
import nlCore from './nl.json'
import nlFeatures from './nl.features.json'

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const CORE = new Set(Object.keys(nlCore))
const ALL = new Set([...CORE, ...Object.keys(nlFeatures)])

/**
 * The .ts and .vue files a module pulls in statically (its own chunk and the entry's), and the message
 * namespaces they name in string literals ('jury.title', `juror.status.${s}`). Dynamic imports are other
 * chunks behind other routes; routes.ts files only name the titles of the pages they declare, which are
 * translated once that page is entered, so neither is followed.
 */
function namespacesReachedFrom(files: string[]) {
  const seen = new Set<string>()
  const found = new Map<string, Set<string>>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const source = readFileSync(file, 'utf8')
    for (const m of source.matchAll(/^\s*import\s+(?:[^'"]+?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm)) {
      const base = resolve(dirname(file), m[1]!)
      const target = [base, `${base}.ts`, `${base}/index.ts`].find((p) => /\.(ts|vue)$/.test(p) && existsSync(p))
      if (target && !/\/(routes|router)\.ts$/.test(target)) visit(target)
    }
    for (const m of source.matchAll(/['"`]([a-zA-Z]+)\.[\w${}.]+['"`]/g)) {
      if (!ALL.has(m[1]!)) continue
      if (!found.has(m[1]!)) found.set(m[1]!, new Set())
      found.get(m[1]!)!.add(file.slice(SRC.length + 1))
    }
  }
  files.forEach(visit)
  return { files: seen, namespaces: found }
}

/** The view file a route record loads lazily, read off its `() => import('…')` (vitest names it from the root). */
function viewFileOf(name: string): string {
  const record = routes.find((r) => r.name === name)
  const m = /["'][^"']*\/src\/([^"']+\.vue)["']/.exec(String(record?.component))
  if (!m) throw new Error(`route ${name} does not load a view lazily: ${String(record?.component)}`)
  return join(SRC, m[1]!)
}

describe('the first message file (what the initial bundle carries)', () => {
  it('holds every namespace the shell and the core routes name', () => {
    const views = [...CORE_MESSAGE_ROUTES].map(viewFileOf)
    const { files, namespaces } = namespacesReachedFrom([join(SRC, 'app', 'App.vue'), ...views])
    const outside = [...namespaces].filter(([ns]) => !CORE.has(ns)).map(([ns, where]) => `${ns} (${[...where].join(', ')})`)
    expect(outside).toEqual([])
    // Not vacuous: the walk reached the catalogue, the navigation, and the namespaces they use.
    expect([...files].map((f) => f.slice(SRC.length + 1))).toEqual(
      expect.arrayContaining(['features/challenges/views/CatalogueView.vue', 'app/layout/AppNav.vue', 'features/challenges/components/ChallengeCard.vue']),
    )
    expect([...namespaces.keys()]).toEqual(expect.arrayContaining(['challenges', 'nav', 'layout', 'home', 'notFound']))
  })

  it('catches a features namespace: the walk reads the jury keys of RankingTable', () => {
    const probe = namespacesReachedFrom([join(SRC, 'app', 'layout', 'AppNav.vue')])
    expect([...probe.namespaces.keys()].every((ns) => CORE.has(ns))).toBe(true)
    const jury = namespacesReachedFrom([join(SRC, 'features', 'jury', 'components', 'RankingTable.vue')])
    expect(jury.namespaces.has('jury')).toBe(true)
    expect(CORE.has('jury')).toBe(false)
  })
})
