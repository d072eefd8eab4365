// Command-line options of the maintenance scripts (training, data builds, benchmarks).
//
// Several of them overwrite committed files (the tagger's model, the word tables), so a mistyped
// option, or `--help`, must not start a run: `--help` prints the script's leading comment block
// and exits 0; an option the script does not declare is a usage error (exit 2).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * @param {string} scriptUrl the script's import.meta.url (its leading comments are the help)
 * @param {Record<string, 'flag' | 'value' | 'values'>} declared every option the script reads, without
 *   `--` ('values': may be given several times)
 * @param {{ positionals?: boolean }} [accepts] whether arguments that are not options are allowed
 * @returns {{ flag: (name: string) => boolean, value: (name: string, fallback?: string) => string | undefined,
 *   values: (name: string) => string[], numeric: (name: string, fallback: number) => number, positionals: string[] }}
 */
export function scriptArgs(scriptUrl, declared, { positionals: allowPositionals = false } = {}, argv = process.argv.slice(2)) {
  const file = fileURLToPath(scriptUrl);
  const name = file.split('/').pop();
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${helpText(readFileSync(file, 'utf8'))}\n`);
    process.exit(0);
  }
  const options = Object.fromEntries(
    Object.entries(declared).map(([option, kind]) => [option, { type: kind === 'flag' ? 'boolean' : 'string', multiple: kind === 'values' }]),
  );
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({ args: argv, options, strict: true, allowPositionals }));
  } catch (error) {
    process.stderr.write(`${name}: ${error.message}\n${name}: see --help\n`);
    process.exit(2);
  }
  const numeric = (option, fallback) => {
    if (values[option] === undefined) return fallback;
    const n = Number(values[option]);
    if (!Number.isFinite(n)) {
      process.stderr.write(`${name}: --${option} needs a number, not "${values[option]}"\n`);
      process.exit(2);
    }
    return n;
  };
  return {
    flag: (option) => values[option] === true,
    value: (option, fallback) => values[option] ?? fallback,
    values: (option) => values[option] ?? [],
    numeric,
    positionals,
  };
}

/** The comment block after the shebang, without the `// ` marks. */
export function helpText(source) {
  const lines = [];
  for (const line of source.split('\n')) {
    if (line.startsWith('#!')) continue;
    if (!line.startsWith('//')) break;
    lines.push(line.replace(/^\/\/ ?/, ''));
  }
  return lines.join('\n').trimEnd();
}
