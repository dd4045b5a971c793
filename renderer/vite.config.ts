import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const server = process.env.MOTESPLATS_SERVER ?? 'http://localhost:8420';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    reportCompressedSize: true,
  },
  // `npm run dev:renderer` serves the screens with hot reload against a running office server
  // (start it with --allowed-origin http://localhost:5173).
  server: {
    proxy: {
      '/socket.io': { target: server, ws: true },
      '/api': server,
      '/health': server,
    },
  },
});
