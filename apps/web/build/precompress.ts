import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/
/** Below this, the compressed file saves less than a packet. */
const MIN_BYTES = 1024

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/** Writes `.br` and `.gz` beside each text asset once, at build time; the API serves them as they are. */
export function precompressFiles(dir: string): number {
  let written = 0
  for (const path of filesUnder(dir)) {
    if (!COMPRESSIBLE.test(path)) continue
    const source = readFileSync(path)
    if (source.length < MIN_BYTES) continue
    writeFileSync(`${path}.br`, brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } }))
    writeFileSync(`${path}.gz`, gzipSync(source, { level: 9 }))
    written += 1
  }
  return written
}

/**
 * Text compression was Lighthouse's largest opportunity (~1.5 s of LCP, bench 6b): compressing at build
 * time costs nothing per request, unlike compressing on the fly.
 */
export function precompress(): Plugin {
  let outDir = 'dist'
  return {
    name: 'opgave-precompress',
    // Not for the server's bundle (dist-server/), which is never sent to a browser.
    apply: (_config, env) => env.command === 'build' && env.isSsrBuild !== true,
    configResolved(config) {
      outDir = join(config.root, config.build.outDir)
    },
    closeBundle() {
      precompressFiles(outDir)
    },
  }
}
