import { defineConfig } from 'vite';

// The trellis server serves web/dist at / (index.html for unknown paths) and the API
// same-origin under /api/v1. `npm run dev` proxies the API to a local `trellis serve`.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  css: {
    preprocessorOptions: {
      scss: {
        // govuk-frontend's own deprecation notices are not ours to fix.
        quietDeps: true,
        
      },
    },
  },
  server: {
    proxy: {
      '/api': process.env.TRELLIS_API ?? 'http://127.0.0.1:8123',
      '/healthz': process.env.TRELLIS_API ?? 'http://127.0.0.1:8123',
    },
  },
});
