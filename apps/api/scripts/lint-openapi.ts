// Lints the generated OpenAPI document with the NLGov API Design Rules ruleset (Spectral) when that
// ruleset is available (CI has it in ../shared/data; it is not part of this repository), plus our own
// rules that need no ruleset. Zero errors allowed.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateOpenApiDocument } from './openapi-document'

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))
const ruleset = process.env.NLGOV_RULESET ?? resolve(repoRoot, '../shared/data/nlgov-adr-ruleset.yaml')

const document = await generateOpenApiDocument()

const dir = mkdtempSync(join(tmpdir(), 'opgave-openapi-'))
const file = join(dir, 'openapi.json')
writeFileSync(file, JSON.stringify(document, null, 2))

if (!existsSync(ruleset)) {
  console.log(`NLGov ruleset not found at ${ruleset}: Spectral lint skipped (the OpenAPI structure tests still ran).`)
  process.exit(0)
}
const spectral = resolve(repoRoot, 'apps/api/node_modules/.bin/spectral')
try {
  execFileSync(spectral, ['lint', '--ruleset', ruleset, '--fail-severity', 'error', '--display-only-failures', file], { stdio: 'inherit' })
  console.log(`NLGov API Design Rules: 0 errors on ${Object.keys(document.paths ?? {}).length} paths.`)
} catch {
  console.error('NLGov API Design Rules lint failed (see above).')
  process.exit(1)
}
