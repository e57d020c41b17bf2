// Writes the OpenAPI document generated from the route schemas to a file (default openapi.json).
import { writeFileSync } from 'node:fs'
import { generateOpenApiDocument } from './openapi-document'

const out = process.argv[2] ?? 'openapi.json'
writeFileSync(out, `${JSON.stringify(await generateOpenApiDocument(), null, 2)}\n`)
console.log(`OpenAPI written to ${out}`)
