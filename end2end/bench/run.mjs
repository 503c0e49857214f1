// rdv-tunnel against the seed's Next.js version, side by side in one run (scripts/bench).
//
// Both systems read the same fake Cal.com (examples/fake_calcom.rs), which waits
// BENCH_LATENCY_MS before each answer. Measured for each, in this order:
//   1. Cal.com calls during a burst of BENCH_BURST concurrent cold requests to the slots API;
//   2. time to the first visible date in headless Chromium: median of BENCH_LOADS cold loads
//      (fresh browser context each: empty cache), alternating the two systems;
//   3. bytes on the wire of the first load, compressed as served, by kind;
//   4. slots API throughput and p99 on a warm cache, then the page's rendering throughput
//      (wrk, BENCH_CONNECTIONS connections, BENCH_SECONDS s);
//   5. the server's peak RSS (process tree, sampled every 50 ms) over the whole run.
// Prints both systems, the ratios and the budgets of issue 6, and writes the table into
// README.md between the bench markers. Exits 1 when a budget is not met.

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const env = (name, fallback) => process.env[name] ?? fallback;
const settings = {
  latency: Number(env('BENCH_LATENCY_MS', 150)),
  loads: Number(env('BENCH_LOADS', 9)),
  burst: Number(env('BENCH_BURST', 200)),
  connections: Number(env('BENCH_CONNECTIONS', 32)),
  seconds: Number(env('BENCH_SECONDS', 10)),
};
const target = env('RDV_TARGET_DIR', path.join(root, 'target'));
const peerDir = env('PEER_DIR', path.join(os.homedir(), '.cache/rdv-tunnel/peer'));
const ports = { fake: 3411, rdv: 3412, peer: 3413 };
const fakeUrl = `http://127.0.0.1:${ports.fake}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rdv-bench-'));
const database = process.env.BENCH_DATABASE_URL ? `PostgreSQL${env('BENCH_DATABASE_NAME', '')}` : 'SQLite';

/** Leptos.toml with a read limit that one load-testing client cannot reach. */
function benchConfig() {
  const text = fs.readFileSync(path.join(root, 'Leptos.toml'), 'utf8')
    .replace(/^reads_per_minute = .*$/m, 'reads_per_minute = 1000000000')
    // The embed is measured inside a host page the fake Cal.com serves.
    .replace(/^frame_ancestors = .*$/m, `frame_ancestors = ["'self'", "${fakeUrl}"]`);
  const file = path.join(tmp, 'Leptos.bench.toml');
  fs.writeFileSync(file, text);
  return file;
}

const systems = {
  rdv: {
    name: 'rdv-tunnel',
    base: `http://127.0.0.1:${ports.rdv}`,
    ready: '/healthz',
    // A date is a link in the server's HTML.
    date: { selector: 'ul.choices.dates a.choice', text: '' },
    command: [path.join(target, 'release/rdv-tunnel')],
    cwd: root,
    env: {
      // Leptos.toml, but wrk is one client: its read limit is lifted for the run.
      RDV_CONFIG: benchConfig(),
      LEPTOS_SITE_ROOT: path.join(root, 'target/site'),
      LEPTOS_SITE_ADDR: `127.0.0.1:${ports.rdv}`,
      LEPTOS_ENV: 'PROD',
      // BENCH_DATABASE_URL: a PostgreSQL database (scripts/bench --postgres starts one).
      DATABASE_URL: env('BENCH_DATABASE_URL', `sqlite://${tmp}/bench.db`),
      CAL_COM_API_URL: fakeUrl,
      CAL_COM_TOKEN: '',
      RUST_LOG: 'warn',
    },
  },
  peer: {
    name: 'Next.js seed',
    base: `http://127.0.0.1:${ports.peer}`,
    ready: '/prendre-rendez-vous',
    // A date is a button drawn once the slots have been fetched in the browser.
    date: { selector: 'main button', text: '^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) ' },
    command: [process.execPath, path.join(peerDir, 'node_modules/next/dist/bin/next'), 'start', '-p', String(ports.peer), '-H', '127.0.0.1'],
    cwd: peerDir,
    env: { CAL_COM_API_URL: fakeUrl, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  },
};
const slotsPath = '/api/calcom/slots?type=appel&range=21';
const pagePath = '/prendre-rendez-vous';

const children = [];
function start(command, args, options) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  child.log = () => log;
  children.push(child);
  return child;
}
function stopAll() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
}
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));

async function waitUp(url, child, what) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited:\n${child.log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not answer at ${url}:\n${child.log()}`);
}

// --- RSS of a process and its descendants (Linux /proc) -----------------------------------
function tree(pid) {
  const parents = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {}
  }
  const all = [pid];
  for (let i = 0; i < all.length; i++) for (const [p, pp] of parents) if (pp === all[i]) all.push(p);
  return all;
}
function rssKb(pids) {
  let total = 0;
  for (const p of pids) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) total += Number(m[1]);
    } catch {}
  }
  return total;
}
const peaks = { rdv: 0, peer: 0 };
const pidTrees = {};
const roots = {};
let samples = 0;
function sample() {
  // Servers may start workers later: the process trees are re-read every second.
  if (samples++ % 20 === 0) for (const key of Object.keys(roots)) pidTrees[key] = tree(roots[key]);
  for (const key of Object.keys(peaks)) {
    if (pidTrees[key]) peaks[key] = Math.max(peaks[key], rssKb(pidTrees[key]));
  }
}

// --- measurements ----------------------------------------------------------------------------
async function fakeCalls() {
  return (await (await fetch(`${fakeUrl}/__fake/state`)).json()).slotCalls;
}

async function burst(system) {
  await fetch(`${fakeUrl}/__fake/reset`, { method: 'POST' });
  const t0 = performance.now();
  const answers = await Promise.all(
    Array.from({ length: settings.burst }, () =>
      fetch(system.base + slotsPath).then((r) => r.arrayBuffer().then(() => r.status)).catch(() => 0)),
  );
  return {
    calls: await fakeCalls(),
    ok: answers.filter((s) => s === 200).length,
    ms: performance.now() - t0,
  };
}

function kindOf(request, response) {
  const url = request.url();
  const type = request.resourceType();
  if (url.endsWith('.wasm') || (response?.headers()['content-type'] ?? '').includes('wasm')) return 'WASM';
  if (type === 'document') return 'HTML';
  if (type === 'script') return 'JS';
  if (type === 'stylesheet') return 'CSS';
  if (type === 'fetch' || type === 'xhr') return 'data';
  return 'other';
}

// Records, in the page, when the first date is in a rendered frame: a requestAnimationFrame
// callback runs just before the frame is painted, and not while rendering is still blocked
// (by a stylesheet, for instance).
function watchFirstDate({ selector, text }) {
  const re = text ? new RegExp(text) : null;
  let seen = false;
  const check = () => {
    if (seen) return;
    for (const el of document.querySelectorAll(selector)) {
      if (re && !re.test(el.textContent ?? '')) continue;
      if (el.getClientRects().length === 0) continue;
      seen = true;
      requestAnimationFrame(() => {
        window.__firstDate = performance.now();
        // Comparable across frames (an embedded page has its own time origin).
        window.__firstDateAt = performance.timeOrigin + window.__firstDate;
      });
      return;
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  document.addEventListener('DOMContentLoaded', check);
}

/** The whole first load of a host page of another origin that embeds the tunnel
 * (`embed.js`): time from the host page's start to the first date painted in the frame, and
 * every byte both bring. */
async function embedLoad(browser, system) {
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.addInitScript(watchFirstDate, system.date);
  let total = 0;
  const pending = [];
  page.on('requestfinished', (request) =>
    pending.push(request.sizes().then((sizes) => (total += sizes.responseBodySize))));
  await page.goto(`${fakeUrl}/__fake/host.html?app=${encodeURIComponent(system.base)}`, { waitUntil: 'commit' });
  const frame = await (async () => {
    for (let i = 0; i < 600; i++) {
      const f = page.frames().find((f) => f.url().includes('/prendre-rendez-vous'));
      if (f) return f;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('no tunnel frame in the host page');
  })();
  await frame.waitForFunction(() => window.__firstDateAt !== undefined, null, { timeout: 30_000, polling: 50 });
  const at = await frame.evaluate(() => window.__firstDateAt);
  const origin = await page.evaluate(() => performance.timeOrigin);
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  await context.close();
  return { firstDate: at - origin, total };
}

async function coldLoad(browser, system) {
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.addInitScript(watchFirstDate, system.date);
  const bytes = { HTML: 0, JS: 0, WASM: 0, CSS: 0, data: 0, other: 0 };
  const encodings = {};
  const pending = [];
  page.on('requestfinished', (request) =>
    pending.push((async () => {
      const response = await request.response();
      const sizes = await request.sizes();
      const kind = kindOf(request, response);
      bytes[kind] += sizes.responseBodySize;
      encodings[kind] = response?.headers()['content-encoding'] ?? 'identity';
    })()));
  await page.goto(system.base + pagePath, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__firstDate !== undefined, null, { timeout: 30_000, polling: 50 });
  const firstDate = await page.evaluate(() => window.__firstDate);
  // Everything the first load brings (the islands' code, the peer's slots fetch).
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  await context.close();
  return { firstDate, bytes, encodings };
}

function wrk(url) {
  const out = execFileSync('wrk', ['-t2', `-c${settings.connections}`, `-d${settings.seconds}s`, '--latency', url], { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const p99raw = /\s99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const p99 = p99raw ? Number(p99raw[1]) * { us: 0.001, ms: 1, s: 1000 }[p99raw[2]] : NaN;
  const errors = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? '0';
  return { rps, p99, errors: Number(errors) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kb = (b) => (b / 1000).toFixed(1);
const mb = (k) => (k / 1024).toFixed(1);
function peaksSoFar() {
  sample();
  return `peak RSS so far: rdv-tunnel ${mb(peaks.rdv)} MB, Next.js ${mb(peaks.peer)} MB`;
}

// --- the run ---------------------------------------------------------------------------------
async function main() {
  const fake = start(path.join(target, 'release/examples/fake_calcom'), [String(ports.fake), String(settings.latency), '1000000'], { cwd: root });
  await waitUp(`${fakeUrl}/__fake/state`, fake, 'the fake Cal.com');
  for (const [key, s] of Object.entries(systems)) {
    const [cmd, ...args] = s.command;
    s.child = start(cmd, args, { cwd: s.cwd, env: { ...process.env, ...s.env } });
    await waitUp(s.base + s.ready, s.child, s.name);
    roots[key] = s.child.pid;
  }
  const sampler = setInterval(sample, 50);
  const results = { rdv: {}, peer: {} };

  console.log(`\n1. burst of ${settings.burst} concurrent cold requests to ${slotsPath}`);
  for (const key of ['rdv', 'peer']) {
    results[key].burst = await burst(systems[key]);
    const b = results[key].burst;
    console.log(`   ${systems[key].name}: ${b.calls} Cal.com call(s), ${b.ok}/${settings.burst} answered 200 in ${b.ms.toFixed(0)} ms`);
  }

  console.log(`   ${peaksSoFar()}`);
  console.log(`\n2–3. ${settings.loads} cold loads each in headless Chromium (alternating), first load's bytes`);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // One load each first, not counted: the peer compiles its route on first use.
  for (const key of ['rdv', 'peer']) await coldLoad(browser, systems[key]);
  for (const key of ['rdv', 'peer']) results[key].loads = [];
  for (let i = 0; i < settings.loads; i++) {
    for (const key of ['rdv', 'peer']) results[key].loads.push(await coldLoad(browser, systems[key]));
  }
  for (const key of ['rdv', 'peer']) {
    const r = results[key];
    r.firstDate = median(r.loads.map((l) => l.firstDate));
    r.bytes = r.loads[0].bytes;
    r.encodings = r.loads[0].encodings;
    r.total = Object.values(r.bytes).reduce((a, b) => a + b, 0);
    console.log(`   ${systems[key].name}: first date ${r.firstDate.toFixed(0)} ms (loads: ${r.loads.map((l) => l.firstDate.toFixed(0)).join(', ')})`);
    console.log(`   ${' '.repeat(systems[key].name.length)}  ${Object.entries(r.bytes).map(([k, v]) => `${k} ${kb(v)} KB${v ? ` (${r.encodings[k]})` : ''}`).join(', ')}; total ${kb(r.total)} KB`);
  }

  results.rdv.embed = [];
  for (let i = 0; i < settings.loads; i++) results.rdv.embed.push(await embedLoad(browser, systems.rdv));
  results.rdv.embedFirstDate = median(results.rdv.embed.map((l) => l.firstDate));
  results.rdv.embedTotal = results.rdv.embed[0].total;
  console.log(`   rdv-tunnel embedded in a host page: first date ${results.rdv.embedFirstDate.toFixed(0)} ms, ${kb(results.rdv.embedTotal)} KB with the host page`);
  await browser.close();

  console.log(`   ${peaksSoFar()}`);
  console.log(`\n4. wrk -c${settings.connections} -d${settings.seconds}s on a warm cache`);
  for (const key of ['rdv', 'peer']) {
    const s = systems[key];
    await fetch(s.base + slotsPath);
    results[key].slots = wrk(s.base + slotsPath);
    console.log(`   ${peaksSoFar()} (after the slots API load on ${s.name})`);
    results[key].page = wrk(s.base + pagePath);
    const { slots, page } = results[key];
    console.log(`   ${s.name}: slots API ${slots.rps.toFixed(0)} req/s, p99 ${slots.p99.toFixed(1)} ms, ${slots.errors} non-2xx; page ${page.rps.toFixed(0)} req/s, p99 ${page.p99.toFixed(1)} ms, ${page.errors} non-2xx`);
  }
  clearInterval(sampler);
  sample();
  for (const key of ['rdv', 'peer']) results[key].rssMb = peaks[key] / 1024;
  console.log(`\n5. peak RSS: rdv-tunnel ${results.rdv.rssMb.toFixed(1)} MB, Next.js ${results.peer.rssMb.toFixed(1)} MB`);

  report(results);
}

function report(r) {
  const { rdv, peer } = r;
  const ratio = (a, b) => (b ? a / b : NaN);
  const budgets = [
    ['first visible date ≤ 0.3 × the peer', ratio(rdv.firstDate, peer.firstDate) <= 0.3, `${ratio(rdv.firstDate, peer.firstDate).toFixed(2)} ×`],
    ['first-load bytes ≤ 100 KB', rdv.total <= 100_000, `${kb(rdv.total)} KB${rdv.total <= 60_000 ? ' (stretch 60 KB met)' : ' (stretch 60 KB not met)'}`],
    ['warm slots API ≥ 50 × the peer', ratio(rdv.slots.rps, peer.slots.rps) >= 50, `${ratio(rdv.slots.rps, peer.slots.rps).toFixed(0)} ×`],
    ['server RSS under load ≤ 40 MB', rdv.rssMb <= 40, `${rdv.rssMb.toFixed(1)} MB`],
  ];
  const cpu = (/model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU').trim();
  const machine = `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`;
  const chromiumVersion = (() => { try { return execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return 'Chromium'; } })();
  const row = (label, a, b, x) => `| ${label} | ${a} | ${b} | ${x} |`;
  const bytesCell = (s) => `${kb(s.total)} KB (HTML ${kb(s.bytes.HTML)}, JS ${kb(s.bytes.JS)}, WASM ${kb(s.bytes.WASM)}, CSS ${kb(s.bytes.CSS)}, data ${kb(s.bytes.data)}, other ${kb(s.bytes.other)})`;
  const lines = [
    `Last run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}; ${chromiumVersion}; fake Cal.com answering in ${settings.latency} ms; both servers on 127.0.0.1; rdv-tunnel on ${database}.`,
    '',
    '| Measure | rdv-tunnel | Next.js seed | rdv-tunnel vs seed |',
    '|---|---|---|---|',
    row(`Time to the first visible date (median of ${settings.loads} cold loads)`, `${rdv.firstDate.toFixed(0)} ms`, `${peer.firstDate.toFixed(0)} ms`, `${ratio(rdv.firstDate, peer.firstDate).toFixed(2)} ×`),
    row('First-load bytes on the wire (compressed as served)', bytesCell(rdv), bytesCell(peer), `${ratio(rdv.total, peer.total).toFixed(2)} ×`),
    row(`Embedded in another site's page with embed.js: first visible date, all bytes (host page included)`, `${rdv.embedFirstDate.toFixed(0)} ms, ${kb(rdv.embedTotal)} KB`, '—', ''),
    row(`Slots API, warm cache (wrk, ${settings.connections} connections, ${settings.seconds} s)`, `${rdv.slots.rps.toFixed(0)} req/s, p99 ${rdv.slots.p99.toFixed(1)} ms`, `${peer.slots.rps.toFixed(0)} req/s, p99 ${peer.slots.p99.toFixed(1)} ms`, `${ratio(rdv.slots.rps, peer.slots.rps).toFixed(0)} × throughput`),
    row(`Booking page rendering (wrk, same load)`, `${rdv.page.rps.toFixed(0)} req/s, p99 ${rdv.page.p99.toFixed(1)} ms`, `${peer.page.rps.toFixed(0)} req/s, p99 ${peer.page.p99.toFixed(1)} ms`, `${ratio(rdv.page.rps, peer.page.rps).toFixed(1)} × throughput`),
    row(`Cal.com calls during ${settings.burst} concurrent cold requests`, `${rdv.burst.calls}`, `${peer.burst.calls}`, ''),
    row('Server peak RSS over the run', `${rdv.rssMb.toFixed(1)} MB`, `${peer.rssMb.toFixed(1)} MB`, `${ratio(rdv.rssMb, peer.rssMb).toFixed(2)} ×`),
    '',
    '| Budget (issue 6) | Result | Met |',
    '|---|---|---|',
    ...budgets.map(([label, ok, value]) => `| ${label} | ${value} | ${ok ? 'yes' : '**no**'} |`),
  ];
  const table = lines.join('\n');
  console.log(`\n${table}\n`);
  const readme = path.join(root, 'README.md');
  const text = fs.readFileSync(readme, 'utf8');
  const mark = database.startsWith('PostgreSQL') ? 'bench-postgres' : 'bench';
  const marked = new RegExp(`(<!-- ${mark}:start -->\\n)[\\s\\S]*?(\\n<!-- ${mark}:end -->)`);
  if (marked.test(text) && process.env.BENCH_NO_README === undefined) {
    fs.writeFileSync(readme, text.replace(marked, (_, a, b) => `${a}${table}${b}`));
    console.log(`README.md updated (between the ${mark} markers).`);
  }
  // The introduction's figures, from this table (SQLite runs only; scripts/check-readme).
  const intro = /(<!-- bench-intro:start -->\n)[\s\S]*?(\n<!-- bench-intro:end -->)/;
  if (mark === 'bench' && process.env.BENCH_NO_README === undefined) {
    const line = `- Light and fast (the last \`scripts/bench\`, see Performance): ${kb(rdv.total)} KB on the first load, the first date on screen in ${ratio(rdv.firstDate, peer.firstDate).toFixed(2)} × the time of the seed's Next.js version (${rdv.firstDate.toFixed(0)} ms vs ${peer.firstDate.toFixed(0)} ms), ${rdv.rssMb.toFixed(1)} MB of memory at the peak of the load.`;
    const now = fs.readFileSync(readme, 'utf8');
    fs.writeFileSync(readme, now.replace(intro, (_, a, b) => `${a}${line}${b}`));
  }
  const failed = budgets.filter(([, ok]) => !ok).map(([label]) => label);
  if (failed.length) {
    console.log(`budgets NOT met: ${failed.join('; ')}`);
    process.exitCode = 1;
  } else {
    console.log('all budgets met');
  }
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 2;
  })
  .finally(() => {
    stopAll();
    fs.rmSync(tmp, { recursive: true, force: true });
  });
