// The one loader for the data files under src/resources/ (lexicons, gazetteers,
// models). Stages never read files: they declare a ResourceSpec (which file, how
// to parse and check it) and ask the context's loader for it. Each file is read
// and parsed once per process and cached.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ResourceLoader, ResourceSpec } from '../resources/spec.js';

/** src/resources/, found from both src/io/ (tests) and dist/io/ (built). */
export const RESOURCE_DIR = fileURLToPath(new URL('../../src/resources/', import.meta.url));

/** Resources in shared memory, by file: what worker threads receive from shareResources. */
export type SharedResources = Record<string, unknown>;

/** A loader; the resources in `shared` are taken from there instead of read and parsed again. */
export function createResourceLoader(dir: string = RESOURCE_DIR, shared: SharedResources = {}): ResourceLoader {
  const cache = new Map<string, unknown>();
  return {
    load<T>(spec: ResourceSpec<T>): T {
      if (cache.has(spec.file)) return cache.get(spec.file) as T;
      if (spec.share && Object.hasOwn(shared, spec.file)) {
        const value = spec.share.fromParts(shared[spec.file]);
        cache.set(spec.file, value);
        return value;
      }
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

/**
 * Load resources once (in the loader thread of src/io/share.ts) for worker threads: their shared-memory parts,
 * which workerData hands to every worker without a copy (each would otherwise
 * hold its own: ~40 MB a worker for the tagger's model and the word counts).
 * Resources without a `share` are left out; one that cannot be loaded is left
 * to the workers, which report it.
 */
export function shareResources(specs: readonly ResourceSpec<unknown>[], dir: string = RESOURCE_DIR): SharedResources {
  const loader = createResourceLoader(dir);
  const shared: SharedResources = {};
  for (const spec of specs) {
    if (!spec.share) continue;
    try {
      shared[spec.file] = spec.share.parts(loader.load(spec));
    } catch {
      // the workers load it themselves and say what is wrong
    }
  }
  return shared;
}
