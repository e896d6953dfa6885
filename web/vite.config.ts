// The web app's build (npm start builds it into web/dist and serves it; see scripts/lib/web-server.ts).
// No plugin or dependency may reach the network at run time: the app talks only to the RPC and the indexer named in
// the deployment.json served beside it.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { fs: { allow: [".."] } },
});
