import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Inside node_modules, so that the native module left outside the bundle resolves as usual. */
const CACHE = join(ROOT, 'node_modules', '.cache', 'motesplats-tests');
const built = new Map<string, Promise<string>>();

/**
 * A TypeScript entry of this repository bundled, with its packages, into one ES module, so that
 * a child process starts in about a third of a second (through tsx it takes two to three): the
 * crash rounds restart the server dozens of times, and the client swarms start several
 * processes. Only better-sqlite3 (native) and ws's optional native helpers stay outside. The
 * file is named by its content, so parallel test files and later runs share it.
 */
export function bundled(entry: string): Promise<string> {
  let file = built.get(entry);
  if (!file) {
    file = bundle(entry);
    built.set(entry, file);
  }
  return file;
}

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'bufferutil', 'utf-8-validate'],
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __motesplatsRequire } from 'node:module';\nconst require = __motesplatsRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  const code = result.outputFiles[0]!.contents;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, `${basename(entry, '.ts')}-${hash}.mjs`);
  if (!existsSync(file)) {
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  return file;
}
