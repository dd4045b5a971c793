// Electronegativity (Doyensec's scanner for Electron misconfigurations) over electron/, as part
// of `npm run lint`. It fails on any high or medium finding, unless the line carries
// Electronegativity's own inline marker with a reason:
//
//   someCall(); // eng-disable CHECK_ID -- why this is safe here
//
// A marker without a reason fails too, so every exception is explained where it is made.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const input = join(root, 'electron');
const MEDIUM = 2;

// The scanner fetches translations and Electron's release list on start, and says so when it
// cannot (offline); that is no finding.
const OFFLINE_NOTICES =
  /^(Could not retrieve updated translations|Fetching Electron's new releases|Something went wrong while fetching Electron's releases)/;
const consoleLog = console.log;
console.log = (...args) => {
  if (!OFFLINE_NOTICES.test(String(args[0]))) consoleLog(...args);
};
const run = require('@doyensec/electronegativity/dist/runner.js');
let result;
try {
  result = await run({
    input,
    electronVersionOverride: require('electron/package.json').version,
    isRelative: true,
    customScan: [],
    excludeFromScan: [],
    parserPlugins: [],
  });
} finally {
  console.log = consoleLog;
}

const problems = [];
if (result.atomicChecks === 0)
  problems.push('the scanner loaded no checks: is @doyensec/electronegativity installed?');
for (const error of result.errors)
  if (!error.tolerable)
    problems.push(`${relative(root, error.file)}: could not be scanned: ${error.message}`);

const blocking = result.issues.filter((issue) => issue.severity.value >= MEDIUM);
for (const issue of blocking)
  problems.push(
    `electron/${issue.file}:${issue.location.line}:${issue.location.column} ` +
      `${issue.severity.name} ${issue.id}${issue.manualReview ? ' (review)' : ''}: ${issue.description}`,
  );

/** Every inline exception must say why: `eng-disable CHECK_ID -- reason`. */
function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|mjs|js|html)$/.test(name)) yield path;
  }
}
let explained = 0;
for (const file of sourceFiles(input))
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (!/eng-disable/.test(line) || file.endsWith('electronegativity.mjs')) return;
      if (/eng-disable\s+[A-Z_ ,]+\s+--\s+\S.{9,}/.test(line)) explained += 1;
      else problems.push(`${relative(root, file)}:${index + 1}: eng-disable needs a reason: "-- why"`);
    });

const lower = result.issues.length - blocking.length;
if (problems.length > 0) {
  console.error(`Electronegativity: ${problems.length} problem(s) in electron/:`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log(
  `Electronegativity: no high or medium finding in electron/ ` +
    `(${explained} explained inline, ${lower} low/informational).`,
);
