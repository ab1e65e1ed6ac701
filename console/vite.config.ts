import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by the gateway at /console (CORPHUB_CONSOLE_DIR): every asset from the hub itself, nothing from a CDN.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  // one React for the app and its libraries (npm may hoist another copy for GraphiQL's bundle beside it)
  resolve: { dedupe: ['react', 'react-dom'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // ECharts is most of the bundle; it is split off so the screens' own code stays small
    chunkSizeWarningLimit: 1200,
    rollupOptions: { output: { manualChunks: (id) => (id.includes('node_modules/echarts') || id.includes('node_modules/zrender') ? 'echarts' : undefined) } },
  },
});
