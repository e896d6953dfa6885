// Kept for existing importers: the one formatting module is scripts/lib/format.ts (shared with the error decoder and
// the web app).
export { formatAth, formatDate } from "./format.js";
