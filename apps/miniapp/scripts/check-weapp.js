#!/usr/bin/env node
/* Static check of the weapp build (dist/) with WeChat's own wcc/wcsc compilers.
 * WeChat DevTools does not run on Linux, so this is the closest we get to "does it open":
 * every WXML/WXSS compiles, app.json is sound, every page/component exists, packages fit 2 MB. */
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', 'dist');
const PACKAGE_LIMIT = 2 * 1024 * 1024;
const TOTAL_LIMIT = 20 * 1024 * 1024;
const compilerDir = path.dirname(require.resolve('miniprogram-compiler/package.json'));
const binDir = path.join(compilerDir, 'bin', process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'windows' : 'linux');
const exe = (name) => path.join(binDir, process.platform === 'win32' ? `${name}.exe` : name);

const problems = [];
const report = [];
const problem = (msg) => problems.push(msg);

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(path.relative(ROOT, full).split(path.sep).join('/'));
  }
  return out;
}

function readJson(rel) {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'));
  } catch (e) {
    problem(`${rel}: not valid JSON (${e.message})`);
    return null;
  }
}

const exists = (rel) => fs.existsSync(path.join(ROOT, rel));

function run(bin, args) {
  for (const b of [exe('wcc'), exe('wcsc')]) {
    try {
      fs.chmodSync(b, 0o755);
    } catch {
      // read-only install: try anyway
    }
  }
  return spawnSync(bin, args, { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 });
}

function fmtSize(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

if (!fs.existsSync(path.join(ROOT, 'app.json'))) {
  console.error(`check-weapp: ${ROOT}/app.json not found; run \`npm run build:weapp -w apps/miniapp\` first`);
  process.exit(1);
}

const files = walk(ROOT);
const app = readJson('app.json') || {};

// --- app.json, pages, subpackages, tab bar -------------------------------------------------
const mainPages = Array.isArray(app.pages) ? app.pages : [];
if (mainPages.length === 0) problem('app.json: "pages" is missing or empty');
const subPackages = app.subPackages || app.subpackages || [];
const allPages = [...mainPages];
const roots = [];
for (const sub of subPackages) {
  if (!sub.root || !Array.isArray(sub.pages)) {
    problem(`app.json: subpackage ${JSON.stringify(sub)} needs root and pages`);
    continue;
  }
  const root = sub.root.replace(/\/+$/, '');
  roots.push(root);
  if (!fs.existsSync(path.join(ROOT, root))) problem(`subpackage root ${root}/ does not exist`);
  for (const p of sub.pages) allPages.push(`${root}/${p}`);
}
for (const root of roots) {
  for (const p of mainPages) if (p.startsWith(`${root}/`)) problem(`main page ${p} lies inside subpackage root ${root}/`);
}

const components = new Set();
function checkComponentRefs(owner, json) {
  const using = (json && json.usingComponents) || {};
  for (const [name, ref] of Object.entries(using)) {
    if (/^plugin:\/\//.test(ref)) continue;
    const rel = ref.startsWith('/') ? ref.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(owner), ref));
    if (components.has(rel)) continue;
    components.add(rel);
    for (const ext of ['.js', '.json', '.wxml']) {
      if (!exists(rel + ext)) problem(`${owner}: component "${name}" -> ${rel}${ext} missing`);
    }
    if (exists(`${rel}.json`)) {
      const cj = readJson(`${rel}.json`);
      if (cj && cj.component !== true) problem(`${rel}.json: a component must say "component": true`);
      checkComponentRefs(rel, cj);
    }
  }
}

for (const page of allPages) {
  for (const ext of ['.js', '.wxml', '.json']) if (!exists(page + ext)) problem(`page ${page}: ${page}${ext} missing`);
  if (exists(`${page}.json`)) checkComponentRefs(page, readJson(`${page}.json`));
}
if (app.usingComponents) checkComponentRefs('app', app);

if (app.tabBar) {
  const list = app.tabBar.list || [];
  if (list.length < 2 || list.length > 5) problem(`tabBar: needs 2 to 5 items, has ${list.length}`);
  for (const item of list) {
    if (!mainPages.includes(item.pagePath)) problem(`tabBar: ${item.pagePath} is not a main-package page`);
    for (const key of ['iconPath', 'selectedIconPath']) {
      if (item[key] && !exists(item[key])) problem(`tabBar: ${key} ${item[key]} missing`);
    }
  }
}
report.push(
  `app.json: ${mainPages.length} main pages, ${subPackages.length} subpackage(s) with ${allPages.length - mainPages.length} pages, ${components.size} custom component(s)`,
);

// --- WXML with wcc ---------------------------------------------------------------------------
const wxml = files.filter((f) => f.endsWith('.wxml'));
const wxs = files.filter((f) => f.endsWith('.wxs'));
{
  // Component table as the compiler wants it: count, then per file: path, n, names...
  const compArgs = [];
  let count = 0;
  for (const f of wxml) {
    const json = f.replace(/\.wxml$/, '.json');
    if (!exists(json)) continue;
    const using = Object.keys((readJson(json) || {}).usingComponents || {});
    if (!using.length) continue;
    count += 1;
    compArgs.push(f, String(using.length), ...using);
  }
  const res = run(exe('wcc'), ['-d', '-cc', [count, ...compArgs].join(' '), ...wxml, ...wxs, '-gn', '$gwx']);
  if (res.error) problem(`wcc could not run: ${res.error.message}`);
  else if (res.status !== 0) problem(`wcc failed (exit ${res.status}):\n${res.stderr.toString().trim()}`);
  else report.push(`wcc: ${wxml.length} WXML + ${wxs.length} WXS compiled (${fmtSize(res.stdout.length)} of output)`);
}

// --- WXSS with wcsc --------------------------------------------------------------------------
const wxss = files.filter((f) => f.endsWith('.wxss'));
{
  const comp = wxss.filter((f) => exists(f.replace(/\.wxss$/, '.json')));
  const rest = wxss.filter((f) => !comp.includes(f));
  const res = run(exe('wcsc'), ['-db', '-pc', String(comp.length), ...comp, ...rest]);
  if (res.error) problem(`wcsc could not run: ${res.error.message}`);
  else if (res.status !== 0) problem(`wcsc failed (exit ${res.status}):\n${res.stderr.toString().trim()}`);
  else report.push(`wcsc: ${wxss.length} WXSS compiled`);
}

// --- Package sizes ---------------------------------------------------------------------------
const sizes = new Map([['(main)', 0], ...roots.map((r) => [r, 0])]);
let total = 0;
for (const f of files) {
  const size = fs.statSync(path.join(ROOT, f)).size;
  total += size;
  const root = roots.find((r) => f.startsWith(`${r}/`));
  sizes.set(root || '(main)', sizes.get(root || '(main)') + size);
}
for (const [name, size] of sizes) {
  report.push(`package ${name}: ${fmtSize(size)} of ${fmtSize(PACKAGE_LIMIT)}`);
  if (size > PACKAGE_LIMIT) problem(`package ${name} is ${fmtSize(size)}, over the 2 MB limit`);
}
if (total > TOTAL_LIMIT) problem(`all packages together are ${fmtSize(total)}, over 20 MB`);

console.log(`check-weapp: ${ROOT}`);
for (const line of report) console.log(`  ✓ ${line}`);
if (problems.length) {
  for (const p of problems) console.error(`  ✗ ${p}`);
  console.error(`check-weapp: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log('check-weapp: OK');
