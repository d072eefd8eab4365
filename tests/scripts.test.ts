// The maintenance scripts (scripts/*.mjs): `--help` and mistyped options must never start a run.
// Bug fixed in the sixth session: `node scripts/train-ner.mjs --help` ignored the option, trained
// for three minutes and overwrote src/resources/ner/model.bin.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { helpText } from '../scripts/script-args.mjs';
import { ensureBuilt, ROOT } from './cli-helpers.js';

const SCRIPTS = readdirSync(join(ROOT, 'scripts'))
  .filter((name) => name.endsWith('.mjs') && name !== 'script-args.mjs')
  .sort();
const MODEL = join(ROOT, 'src', 'resources', 'ner', 'model.bin');

function runScript(name: string, args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'scripts', name), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

describe('helpText', () => {
  it('is the comment block after the shebang, without the comment marks', () => {
    const source = '#!/usr/bin/env node\n// Builds a table.\n//\n//   node x.mjs --min 3\nimport a from "a";\n// not help\n';
    expect(helpText(source)).toBe('Builds a table.\n\n  node x.mjs --min 3');
  });
});

describe('every script', () => {
  beforeAll(ensureBuilt); // several import dist/

  it('is covered', () => {
    expect(SCRIPTS).toContain('train-ner.mjs');
    expect(SCRIPTS.length).toBeGreaterThanOrEqual(10);
  });

  it.each(SCRIPTS)('%s --help prints its description on stdout and exits 0', (name) => {
    const run = runScript(name, ['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(40);
    expect(run.stdout).not.toMatch(/^\/\//m);
  });

  // bench.mjs passes --quick on to every other bench: they must all take it
  it.each(SCRIPTS.filter((name) => name.startsWith('bench-')))('%s takes --quick', (name) => {
    const run = runScript(name, ['--quick', '--no-such-option']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Unknown option '--no-such-option'");
  });

  it.each(SCRIPTS)('%s refuses an option it does not know with exit 2', (name) => {
    const modelBefore = statSync(MODEL).mtimeMs;
    const run = runScript(name, ['--no-such-option']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Unknown option '--no-such-option'");
    expect(run.stdout).toBe('');
    expect(statSync(MODEL).mtimeMs).toBe(modelBefore);
  });
});
