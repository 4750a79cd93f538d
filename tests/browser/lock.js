// What package-lock.json pins, checked two ways (run.sh runs both):
//   node lock.js installed        exit 1 when node_modules/ lacks a pinned package or holds another
//                                 version of it (run.sh then runs npm ci)
//   node lock.js engines VERSION  exit 1 when a pinned package's engines.node excludes Node.js VERSION:
//                                 the README's machine is a fresh Debian 12, whose Node.js is older
//                                 than the one CI machines may carry, and npm only warns about engines
'use strict';

const fs = require('fs');
const path = require('path');

const here = __dirname;
const lock = JSON.parse(fs.readFileSync(path.join(here, 'package-lock.json'), 'utf8'));
const pinned = Object.entries(lock.packages).filter(([where]) => where !== '');

function installed() {
  let ok = true;
  for (const [where, entry] of pinned) {
    const manifest = path.join(here, where, 'package.json');
    const version = fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest, 'utf8')).version : null;
    if (version !== entry.version) {
      console.log(`${where}: ${version ?? 'missing'}, package-lock.json pins ${entry.version}`);
      ok = false;
    }
  }
  return ok;
}

function engines(node) {
  const semver = require('semver');
  let ok = true;
  for (const [where, entry] of pinned) {
    const range = entry.engines?.node;
    if (range && !semver.satisfies(node, range)) {
      console.log(`FAIL: ${where} ${entry.version} needs Node.js ${range}; Debian 12 ships ${node}`);
      ok = false;
    }
  }
  return ok;
}

const [command, version] = process.argv.slice(2);
if (command === 'installed') process.exit(installed() ? 0 : 1);
if (command === 'engines' && version) process.exit(engines(version) ? 0 : 1);
console.error('usage: node lock.js installed | engines NODE_VERSION');
process.exit(2);
