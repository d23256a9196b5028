/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs'
import vue from '@vitejs/plugin-vue'
import { defineConfig, type Plugin, type PreviewServer } from 'vite'

// The publisher's snippet as written on the demo page (index.html).
const TAG_SCRIPT = '<script src="/hexad-tag.js" async></script>'

/**
 * The publisher demo page (index.html) and the /config.js that the web container writes at start
 * (docker/web: `window.__HEXAD_CONFIG__ = {"apiOrigin": …}`), for `vite` and `vite preview`.
 * The dev server swaps the snippet for the sources; `vite build` copies the page unchanged.
 */
function demoPage(): Plugin {
  const apiOrigin = process.env.AD_API_ORIGIN ?? 'http://127.0.0.1:3002'
  const configScript = `window.__HEXAD_CONFIG__ = ${JSON.stringify({ apiOrigin })};\n`
  const serveConfig = (server: Pick<PreviewServer, 'middlewares'>) => {
    server.middlewares.use('/config.js', (_req, res) => {
      res.setHeader('content-type', 'application/javascript')
      res.end(configScript)
    })
  }
  return {
    name: 'hexad-demo-page',
    configureServer: serveConfig,
    configurePreviewServer: serveConfig,
    transformIndexHtml: (html) =>
      html.replace(TAG_SCRIPT, '<script type="module" src="/src/main.ts"></script>'),
    generateBundle() {
      const source = readFileSync(new URL('./index.html', import.meta.url))
      this.emitFile({ type: 'asset', fileName: 'index.html', source })
    },
  }
}

export default defineConfig(({ command }) => ({
  plugins: [vue({ features: { customElement: true } }), demoPage()],
  define: {
    // Library mode leaves process.env alone: say it, or Vue's development build gets bundled.
    'process.env.NODE_ENV': JSON.stringify(command === 'build' ? 'production' : 'development'),
    __VUE_OPTIONS_API__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
  },
  server: { host: '127.0.0.1', port: 5174, strictPort: true },
  preview: { host: '127.0.0.1', port: 4174, strictPort: true },
  build: {
    target: 'es2020',
    // One classic script: publishers write <script src=".../hexad-tag.js" async>, not a module.
    lib: {
      entry: 'src/main.ts',
      formats: ['iife'],
      // Required for iife; the entry exports nothing, so no global is created on the page.
      name: 'hexadTag',
      fileName: () => 'hexad-tag.js',
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
  },
}))
