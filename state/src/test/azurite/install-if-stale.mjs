// Runs `npm ci` for the pinned Azurite unless node_modules already matches package-lock.json.
// `npm ci` always deletes node_modules first, so calling it on every build would cost ~20 s and
// a registry round trip. A stamp file containing the lock file's SHA-256 shows when it is needed.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const lockDigest = createHash('sha256')
  .update(readFileSync(join(here, 'package-lock.json')))
  .digest('hex');
const stamp = join(here, 'node_modules', '.provisioner-lock-sha256');
const launcher = join(here, 'node_modules', '.bin', 'azurite-blob');

if (existsSync(launcher) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === lockDigest) {
  console.log('Azurite in ' + here + ' matches package-lock.json; skipping npm ci');
  process.exit(0);
}

console.log('Installing Azurite with npm ci in ' + here);
const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
  cwd: here,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (npm.error) {
  console.error('npm ci could not be started: ' + npm.error.message + '; install Node.js and npm');
  process.exit(1);
}
if (npm.status !== 0) {
  console.error('npm ci failed with exit code ' + npm.status);
  process.exit(npm.status ?? 1);
}
writeFileSync(stamp, lockDigest + '\n');
