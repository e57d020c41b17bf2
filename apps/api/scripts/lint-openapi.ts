// Lints the generated OpenAPI document with Spectral: the OWASP API Security ruleset (from npm, so it
// always runs) and the NLGov API Design Rules ruleset when available (CI has it in ../shared/data; it is
// not part of this repository). Zero errors allowed; warnings are counted and printed.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateOpenApiDocument } from './openapi-document'

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))
const nlgovRuleset = process.env.NLGOV_RULESET ?? resolve(repoRoot, '../shared/data/nlgov-adr-ruleset.yaml')
const spectral = resolve(repoRoot, 'apps/api/node_modules/.bin/spectral')

const document = await generateOpenApiDocument()
const dir = mkdtempSync(join(tmpdir(), 'opgave-openapi-'))
const file = join(dir, 'openapi.json')
writeFileSync(file, JSON.stringify(document, null, 2))

// Spectral resolves `extends` relative to the ruleset file; point it at the installed package.
const owaspRuleset = join(dir, 'owasp.yaml')
const owaspPackage = createRequire(import.meta.url).resolve('@stoplight/spectral-owasp-ruleset')
writeFileSync(owaspRuleset, `extends:\n  - ['${owaspPackage}', all]\n`)

// Deliberate exceptions, each with its reason. Everything else must pass.
const exceptions: { rule: string; reason: string; operations: [string, string][] }[] = [
  { rule: 'owasp:api2:2023-write-restricted', reason: 'logging in, registering and refreshing happen before there is a token; they are rate-limited per account and IP', operations: [['/auth/register', 'post'], ['/auth/login', 'post'], ['/auth/refresh', 'post'], ['/auth/logout', 'post']] },
  { rule: 'owasp:api2:2023-no-credentials-in-url', reason: 'invitation links carry a single-use, expiring token by design (the emailed link); it is masked in logs', operations: [['/invitations/{token}', 'get'], ['/invitations/{token}/accept', 'post'], ['/jury-invitations/{token}', 'get'], ['/jury-invitations/{token}/accept', 'post']] },
  { rule: 'owasp:api5:2023-admin-security-unique', reason: 'one bearer scheme for everyone; platform-admin rights are checked per request on the server (authorization matrix)', operations: [['/admin/outbox', 'get'], ['/admin/jobs', 'get']] },
]
console.log(`OWASP exceptions: ${exceptions.map((e) => `${e.rule} on ${e.operations.length} operations (${e.reason})`).join('; ')}`)

interface Finding {
  code: string
  severity: number
  message: string
  path: string[]
}

function lint(name: string, ruleset: string): boolean {
  let output: string
  try {
    output = execFileSync(spectral, ['lint', '--ruleset', ruleset, '--format', 'json', '--quiet', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  } catch (error) {
    // Spectral exits non-zero when it finds errors; the JSON is still on stdout.
    output = String((error as { stdout?: string }).stdout ?? '')
    if (!output.trim().startsWith('[')) {
      console.error(`${name}: Spectral failed to run:\n${String((error as { stderr?: string }).stderr ?? error)}`)
      return false
    }
  }
  const all = JSON.parse(output.trim() || '[]') as Finding[]
  // A finding on an operation listed as a deliberate exception for its rule is accepted (and counted).
  const excepted = (f: Finding) => exceptions.some((e) => e.rule === f.code && e.operations.some(([path, method]) => f.path[0] === 'paths' && f.path[1] === path && f.path[2] === method))
  const findings = all.filter((f) => !excepted(f))
  if (all.length > findings.length) console.log(`${name}: ${all.length - findings.length} findings accepted as listed exceptions.`)
  const errors = findings.filter((f) => f.severity === 0)
  const warnings = findings.filter((f) => f.severity === 1)
  const byRule = (list: Finding[]) => Object.entries(list.reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.code]: (acc[f.code] ?? 0) + 1 }), {}))
  for (const e of errors.slice(0, 40)) console.error(`  error ${e.code} at ${e.path.join('.')}: ${e.message}`)
  const warningSummary = byRule(warnings).map(([code, n]) => `${code} ×${n}`).join(', ')
  console.log(`${name}: ${errors.length} errors, ${warnings.length} warnings on ${Object.keys(document.paths ?? {}).length} paths${warningSummary ? ` (warnings: ${warningSummary})` : ''}.`)
  return errors.length === 0
}

let ok = lint('OWASP API Security (spectral-owasp-ruleset)', owaspRuleset)
if (existsSync(nlgovRuleset)) ok = lint('NLGov API Design Rules', nlgovRuleset) && ok
else console.log(`NLGov ruleset not found at ${nlgovRuleset}: that lint was skipped (the OpenAPI structure tests still ran).`)

if (!ok) {
  console.error('OpenAPI lint failed (see above).')
  process.exit(1)
}
