import { randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Files on local disk under generated keys (a UUID, nothing from the client), so no uploaded
 * name can reach the file system. A later object-store backend keeps the same three calls.
 */
export function createDocumentStorage(dir: string) {
  const pathOf = (key: string) => {
    if (!/^[0-9a-f-]{36}$/.test(key)) throw new Error('invalid storage key')
    return join(dir, key)
  }
  return {
    async put(bytes: Buffer): Promise<string> {
      const key = randomUUID()
      await mkdir(dir, { recursive: true })
      await writeFile(pathOf(key), bytes, { flag: 'wx', mode: 0o600 })
      return key
    },
    read: (key: string) => createReadStream(pathOf(key)),
    remove: (key: string) => rm(pathOf(key), { force: true }),
  }
}
export type DocumentStorage = ReturnType<typeof createDocumentStorage>
