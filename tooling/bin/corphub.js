#!/usr/bin/env node
// The `corphub` bin. It is this small committed file, not dist/cli.js itself, because npm links a package's
// bins when it installs it, before `npm run build` has compiled anything: a missing target gets no link.
const path = require('node:path');

const compiled = path.join(__dirname, '..', 'dist', 'cli.js');
let cli;
try {
  cli = require(compiled);
} catch (error) {
  if (error.code !== 'MODULE_NOT_FOUND' || !String(error.message).includes(compiled)) throw error;
  console.error('corphub: the tooling is not built; run `npm run build` in the Corphub checkout first');
  process.exit(1);
}
cli.main();
