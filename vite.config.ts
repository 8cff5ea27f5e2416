/**
 * @module Vite build of the dashboard: web/ → web/dist (served by `nakamoto serve` through
 * src/interfaces/http/web-static.ts). `npm run build:web`; during development `npx vite` serves
 * web/ with /api proxied to a running `nakamoto serve` on 127.0.0.1:8080.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  base: '/',
  publicDir: 'public',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1000,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': 'http://127.0.0.1:8080', '/openapi.json': 'http://127.0.0.1:8080', '/report.html': 'http://127.0.0.1:8080' },
  },
});
