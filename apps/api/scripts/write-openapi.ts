// Writes the OpenAPI document generated from the route schemas to a file (default openapi.json).
import { writeFileSync } from 'node:fs'
import { buildApp } from '../src/app'
import { createDatabase } from '../src/db/client'
import { testConfig } from '../test/test-app'

const out = process.argv[2] ?? 'openapi.json'
const database = await createDatabase({ inMemory: true })
const app = await buildApp({ config: testConfig({ publicUrl: 'https://opgave.example.org' }), db: database.db, logger: false })
await app.ready()
writeFileSync(out, `${JSON.stringify(app.swagger(), null, 2)}\n`)
await app.close()
await database.close()
console.log(`OpenAPI written to ${out}`)
