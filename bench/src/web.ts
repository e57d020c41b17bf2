/**
 * 6. Web: gzipped initial JavaScript of the built app (apps/web/dist/index.html → its module script and
 * modulepreload links) vs a minimal Vue + vue-router + Pinia skeleton (bench/web-skeleton) built with
 * the same Vite in this run. gzip level 9 on both sides.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'
import { BENCH_DIR, REPO_DIR } from './lib'
import { fmt, ratio, type Row } from './results'

export function initialJs(distDir: string) {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8')
  const refs = new Set<string>()
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) refs.add(m[1]!)
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) refs.add(m[1]!)
  const files = [...refs].map((ref) => {
    const bytes = readFileSync(join(distDir, ref.replace(/^\//, '')))
    return { ref, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
  })
  return { files, raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) }
}

export async function benchWeb(): Promise<Row[]> {
  const skeletonRoot = join(BENCH_DIR, 'web-skeleton')
  // Under dist/ so the repository's lint ignores the minified output.
  const outDir = join(BENCH_DIR, 'dist', 'web-skeleton')
  const vue = (await import('@vitejs/plugin-vue')).default
  await build({ root: skeletonRoot, configFile: false, logLevel: 'warn', plugins: [vue()], build: { outDir, emptyOutDir: true } })
  const skeleton = initialJs(outDir)

  const appDist = join(REPO_DIR, 'apps', 'web', 'dist')
  if (!existsSync(join(appDist, 'index.html'))) {
    return [{ id: '6a', name: 'initial JS gzip (app vs skeleton)', figure: 'n/a', baseline: `${fmt(skeleton.gzip / 1024)} KB`, ratio: 'n/a', goal: '≤ 4× and ≤ 120 KB', met: null, note: 'apps/web/dist is missing: run pnpm build first' }]
  }
  const app = initialJs(appDist)
  const builtAt = statSync(join(appDist, 'index.html')).mtime.toISOString()
  return [
    {
      id: '6a',
      name: 'initial JS gzip (app vs skeleton)',
      figure: `${fmt(app.gzip / 1024)} KB`,
      baseline: `${fmt(skeleton.gzip / 1024)} KB`,
      ratio: ratio(app.gzip, skeleton.gzip),
      goal: '≤ 4× and ≤ 120 KB',
      met: app.gzip / skeleton.gzip <= 4 && app.gzip <= 120 * 1024,
      note: `app: ${app.files.length} files, ${fmt(app.raw / 1024)} KB raw (dist built ${builtAt}); skeleton: ${skeleton.files.length} files, ${fmt(skeleton.raw / 1024)} KB raw`,
      data: { app, skeleton, appDistBuiltAt: builtAt },
    },
  ]
}
