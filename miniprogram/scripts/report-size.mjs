#!/usr/bin/env node
// Checks that dist/weapp is a loadable mini-program project, that its main package (everything
// outside the subpackage roots) stays within LensLoop's 1.5 MB budget (WeChat's limit is 2 MB: the
// budget keeps room for features) and every subpackage within WeChat's 2 MB; prints each size.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const WECHAT_PACKAGE_LIMIT = 2 * 1024 * 1024;
const MAIN_PACKAGE_BUDGET = 1.5 * 1024 * 1024;
const PAGE_FILES = ['.js', '.json', '.wxml'];
const distDirectory = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'weapp');

function fail(message) {
  process.stderr.write(`size:weapp: ${message}\n`);
  process.exit(1);
}

function listFiles(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

function formatBytes(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

const appJsonPath = join(distDirectory, 'app.json');
if (!existsSync(appJsonPath)) fail(`${appJsonPath} not found: run build:weapp first`);
const appJson = JSON.parse(readFileSync(appJsonPath, 'utf8'));
const subpackages = appJson.subPackages ?? appJson.subpackages ?? [];
if (!Array.isArray(appJson.pages) || appJson.pages.length === 0) fail('app.json lists no pages');

const pages = [
  ...appJson.pages,
  ...subpackages.flatMap((subpackage) => subpackage.pages.map((page) => `${subpackage.root}/${page}`)),
];
const missing = pages.flatMap((page) =>
  PAGE_FILES.map((extension) => `${page}${extension}`).filter(
    (file) => !existsSync(join(distDirectory, file)),
  ),
);
if (missing.length > 0) fail(`missing page files: ${missing.join(', ')}`);
for (const tab of appJson.tabBar?.list ?? []) {
  if (!appJson.pages.includes(tab.pagePath)) fail(`tab bar page ${tab.pagePath} is not in the main package`);
}

const subpackageRoots = subpackages.map((subpackage) => subpackage.root.replace(/\/$/, '') + '/');
let mainBytes = 0;
const subpackageBytes = new Map(subpackageRoots.map((root) => [root, 0]));
for (const file of listFiles(distDirectory)) {
  const path = relative(distDirectory, file).split(sep).join('/');
  const size = statSync(file).size;
  const root = subpackageRoots.find((candidate) => path.startsWith(candidate));
  if (root) subpackageBytes.set(root, subpackageBytes.get(root) + size);
  else mainBytes += size;
}

process.stdout.write(
  `pages: ${pages.length} (${appJson.pages.length} main, ${pages.length - appJson.pages.length} in subpackages)\n`,
);
process.stdout.write(
  `main package: ${formatBytes(mainBytes)} of the ${formatBytes(MAIN_PACKAGE_BUDGET)} budget (WeChat's limit ${formatBytes(WECHAT_PACKAGE_LIMIT)})\n`,
);
for (const [root, bytes] of subpackageBytes)
  process.stdout.write(`subpackage ${root}: ${formatBytes(bytes)}\n`);
const totalBytes = [...subpackageBytes.values()].reduce((sum, bytes) => sum + bytes, mainBytes);
process.stdout.write(`total: ${formatBytes(totalBytes)}\n`);
if (mainBytes > MAIN_PACKAGE_BUDGET) {
  fail(`main package is ${formatBytes(mainBytes)}, over the ${formatBytes(MAIN_PACKAGE_BUDGET)} budget`);
}
const oversized = [...subpackageBytes].filter(([, bytes]) => bytes > WECHAT_PACKAGE_LIMIT);
if (oversized.length > 0) {
  fail(
    `over WeChat's 2 MB per package: ${oversized.map(([root, bytes]) => `${root} ${formatBytes(bytes)}`).join(', ')}`,
  );
}
