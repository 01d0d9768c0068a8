// @ts-check
// Runs npm scripts at the same time and fails when any of them fails: `npm test`'s checks (type
// check, lint, the OpenAPI check) are one process each, so on a machine of two cores two of them at
// once take about half as long. Each script's output is printed whole when it ends, not interleaved.
//   node config/parallel.js typecheck lint openapi:check
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
// eslint-disable-next-line no-restricted-syntax -- npm's own path, as npm set it for this script
const npm = process.env.npm_execpath;

/** @param {string} script @returns {Promise<boolean>} */
function run(script) {
  const started = Date.now();
  const child = npm
    ? spawn(process.execPath, [npm, 'run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  /** @type {Buffer[]} */
  const output = [];
  child.stdout.on('data', (chunk) => output.push(chunk));
  child.stderr.on('data', (chunk) => output.push(chunk));
  return new Promise((resolve) =>
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      process.stdout.write(`\n> ${script}: ${code === 0 ? 'passed' : `failed (${code})`} in ${seconds} s\n`);
      process.stdout.write(Buffer.concat(output));
      resolve(code === 0);
    }),
  );
}

const results = await Promise.all(scripts.map(run));
process.exitCode = results.every(Boolean) ? 0 : 1;
