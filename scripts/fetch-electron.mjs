// Electron's own postinstall downloads its binary from GitHub. It is blocked in package.json's
// allowScripts so that an install never fails where only the npm registry is reachable; this
// script runs it instead and turns a failed download into a notice. With normal internet the
// binary arrives as usual; without it the server and the browser screens still work.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

let installScript;
try {
  installScript = join(dirname(require.resolve('electron/package.json')), 'install.js');
} catch {
  process.exit(0); // production install without devDependencies: nothing to fetch
}

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('[motesplats] ELECTRON_SKIP_BINARY_DOWNLOAD is set: not fetching the Electron binary.');
  process.exit(0);
}

const result = spawnSync(process.execPath, [installScript], {
  stdio: 'pipe',
  encoding: 'utf8',
  timeout: 300_000,
});
if (result.status === 0) {
  console.log('[motesplats] Electron binary ready: `npm run desktop` starts the desktop app.');
} else {
  const reason =
    (result.stderr || result.stdout || '').split('\n').find((line) => line.trim()) ?? 'unknown error';
  console.log(
    '[motesplats] The Electron binary could not be downloaded (' +
      reason.trim() +
      ').\n' +
      '  The office server and every screen in a browser work without it; tests that need it will skip.\n' +
      '  With internet access, run `npm run desktop:fetch` to get it later.',
  );
}
