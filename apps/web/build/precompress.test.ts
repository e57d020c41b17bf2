import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { precompressFiles } from './precompress'

describe('precompressFiles', () => {
  it('writes .br and .gz that decompress to the original, for text assets above the threshold only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'precompress-'))
    mkdirSync(join(dir, 'assets'))
    const js = 'export const a = 1;\n'.repeat(200)
    writeFileSync(join(dir, 'assets', 'app.js'), js)
    writeFileSync(join(dir, 'assets', 'tiny.css'), 'a{}')
    writeFileSync(join(dir, 'assets', 'logo.png'), Buffer.alloc(4096, 1))

    expect(precompressFiles(dir)).toBe(1)
    expect(brotliDecompressSync(readFileSync(join(dir, 'assets', 'app.js.br'))).toString()).toBe(js)
    expect(gunzipSync(readFileSync(join(dir, 'assets', 'app.js.gz'))).toString()).toBe(js)
    expect(readFileSync(join(dir, 'assets', 'app.js.br')).length).toBeLessThan(js.length / 10)
    expect(existsSync(join(dir, 'assets', 'tiny.css.br'))).toBe(false)
    expect(existsSync(join(dir, 'assets', 'logo.png.br'))).toBe(false)
  })
})
