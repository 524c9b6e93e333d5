import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/** The embeddable widget: one self-contained IIFE file, web/dist/widget.js (no React, no CSS files, no chunks). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2020',
    minify: 'esbuild',
    lib: { entry: 'widget/main.ts', formats: ['iife'], name: 'LingxiWidget', fileName: () => 'widget.js' },
    reportCompressedSize: false,
  },
});
