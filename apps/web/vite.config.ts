import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { precompress } from './build/precompress'

// The API listens on port 3000 in development; the browser only ever talks to its own origin,
// so the refresh cookie stays first-party.
const apiProxy = { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } }

export default defineConfig({
  plugins: [vue(), precompress()],
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true },
})
