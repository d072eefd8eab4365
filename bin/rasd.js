#!/usr/bin/env node
// The rasd command: starts the built CLI (dist/cli/main.js, made by `npm install`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('rasd is not built: run npm install\n');
  process.exit(2);
}

// `rasd extract corpus | head -1`: once the reader has gone, stop quietly.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  process.stderr.write(`rasd: cannot write to stdout: ${err.message}\n`);
  process.exit(3);
});
process.stderr.on('error', () => {});
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  // exit (not the default kill) so that exit handlers remove temporary files and locks
  process.on(signal, () => process.exit(code));
}

const { main } = await import(entry.href);
process.exitCode = await main({ argv: process.argv, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
