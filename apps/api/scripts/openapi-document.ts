import { buildApp } from '../src/app'
import { createDatabase } from '../src/db/client'
import { testConfig } from '../test/test-app'

/** The OpenAPI document as the API generates it from its route schemas (no server, in-memory database). */
export async function generateOpenApiDocument() {
  const database = await createDatabase({ inMemory: true })
  const app = await buildApp({ config: testConfig({ publicUrl: 'https://opgave.example.org' }), db: database.db, logger: false })
  await app.ready()
  const document = app.swagger()
  await app.close()
  await database.close()
  return document
}
