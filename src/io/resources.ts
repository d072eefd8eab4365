// The one loader for the data files under src/resources/ (lexicons, gazetteers,
// models). Stages never read files: they declare a ResourceSpec (which file, how
// to parse and check it) and ask the context's loader for it. Each file is read
// and parsed once per process and cached.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ResourceLoader, ResourceSpec } from '../resources/spec.js';

/** src/resources/, found from both src/io/ (tests) and dist/io/ (built). */
export const RESOURCE_DIR = fileURLToPath(new URL('../../src/resources/', import.meta.url));

export function createResourceLoader(dir: string = RESOURCE_DIR): ResourceLoader {
  const cache = new Map<string, unknown>();
  return {
    load<T>(spec: ResourceSpec<T>): T {
      if (cache.has(spec.file)) return cache.get(spec.file) as T;
      const path = dir + spec.file;
      let raw: string | Uint8Array;
      try {
        raw = spec.binary ? readFileSync(path) : readFileSync(path, 'utf8');
      } catch (err) {
        throw new Error(`resource ${spec.file} cannot be read (${(err as NodeJS.ErrnoException).code ?? err}); is the package complete?`);
      }
      const value = spec.parse(raw as never, spec.file);
      cache.set(spec.file, value);
      return value;
    },
  };
}
