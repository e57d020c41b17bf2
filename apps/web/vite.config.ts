import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { precompileMessagesPlugin } from './build/precompile-messages'
import { precompress } from './build/precompress'

// The API listens on port 3000 in development; the browser only ever talks to its own origin,
// so the refresh cookie stays first-party.
const apiProxy = { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } }

export default defineConfig(({ command, isSsrBuild }) => ({
  // No component uses the Options API; leaving it out makes Vue's runtime smaller.
  plugins: [vue({ features: { optionsAPI: false } }), precompileMessagesPlugin(), precompress()],
  // vue-i18n's build flags: the Composition API only (no legacy API, no <i18n-t> components or v-t), and in
  // the build no message compiler, since precompileMessagesPlugin compiled the messages.
  define: {
    __VUE_I18N_LEGACY_API__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    __INTLIFY_DROP_MESSAGE_COMPILER__: String(command === 'build'),
    // The server's bundle keeps Vue's and vue-i18n's `process.env.NODE_ENV` checks for run time: settled here, so
    // it renders in production mode (no development warnings, no checks) whatever the API's environment.
    ...(isSsrBuild === true ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {}),
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    copyPublicDir: isSsrBuild !== true,
    // .vite/ssr-manifest.json: which built files hold each source module, so that a server-rendered page links
    // the CSS (and preloads the code) of the components it rendered, not only the entry's.
    ssrManifest: isSsrBuild !== true,
  },
  // The server's renderer (`pnpm build`'s second step, into dist-server/) carries Vue and the rest inside it, so
  // the API loads one file and needs none of the web app's packages installed.
  ssr: { noExternal: true },
}))
