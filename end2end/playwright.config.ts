import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// The release server under test, started by Playwright from the built binaries and site:
// one instance on a fake Cal.com (most tests) and one on the demo calendar.
// scripts/test builds them and passes their paths; the defaults fit `cargo leptos build --release`
// plus the fake Cal.com that `cargo test --features ssr` builds (a debug example: it only
// answers the tests, and a release build of it would compile Leptos a second time).
const root = path.resolve(__dirname, '..');
const targetDir = process.env.RDV_TARGET_DIR ?? path.join(root, 'target');
const serverBin = path.join(targetDir, 'release/rdv-tunnel');
const fakeBin = process.env.RDV_FAKE_BIN ?? path.join(targetDir, 'debug/examples/fake_calcom');
const siteRoot = process.env.RDV_SITE_ROOT ?? path.join(root, 'target/site');

// Free ports, chosen once by the runner (its workers load this file again and inherit them
// through the environment), so that two runs or another server never collide.
if (!process.env.RDV_E2E_PORTS) {
  process.env.RDV_E2E_PORTS = execFileSync('python3', ['-c', [
    'import socket',
    'socks = [socket.socket() for _ in range(3)]',
    '[s.bind(("127.0.0.1", 0)) for s in socks]',
    'print(",".join(str(s.getsockname()[1]) for s in socks))',
  ].join('\n')], { encoding: 'utf8' }).trim();
}
const [appPort, demoPort, fakePort] = process.env.RDV_E2E_PORTS.split(',').map(Number);
export const ports = { app: appPort, demo: demoPort, fake: fakePort };
export const urls = {
  app: `http://127.0.0.1:${ports.app}`,
  demo: `http://127.0.0.1:${ports.demo}`,
  fake: `http://127.0.0.1:${ports.fake}`,
};
export const dbDir = path.join(__dirname, '.tmp/db');
/** The e2e app's CAL_COM_WEBHOOK_SECRET: the tests tell it Cal.com changed (helpers.ts). */
export const webhookSecret = 'e2e-webhook-secret-5b0c7d9e1f';
// The booking settings, with the fake's origin (its port is only known now) allowed to frame.
const config = path.join(__dirname, '.tmp/Leptos.e2e.toml');
fs.mkdirSync(path.dirname(config), { recursive: true });
fs.writeFileSync(
  config,
  fs.readFileSync(path.join(__dirname, 'Leptos.e2e.toml'), 'utf8').replaceAll('FAKE_ORIGIN', urls.fake),
);
export const sentinelToken = 'cal_live_E2E_SENTINEL_never_in_a_response';
/** The e2e app's ADMIN_TOKEN (the admin area is on for the Cal.com app only). */
export const adminToken = 'e2e-admin-token-7f3c9a51d2e4b8c6a0';

const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
  locale: 'fr-FR',
  timezoneId: 'Europe/Paris',
};

function app(port: number, db: string, extra: Record<string, string>) {
  return {
    command: `mkdir -p "${dbDir}" && rm -f "${dbDir}/${db}"* && exec "${serverBin}"`,
    cwd: __dirname,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    // Server logs are printed with the test output (scripts/test searches them).
    env: {
      RDV_CONFIG: config,
      LEPTOS_SITE_ROOT: siteRoot,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_ENV: 'PROD',
      DATABASE_URL: `sqlite://${dbDir}/${db}`,
      CAL_COM_TOKEN: '',
      CAL_COM_API_URL: '',
      RUST_LOG: 'warn,rdv_tunnel=info',
      ...extra,
    },
  };
}

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list']],
  outputDir: '.tmp/test-results',
  use: {
    baseURL: urls.app,
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'js', use: { ...chromium, javaScriptEnabled: true } },
    { name: 'nojs', use: { ...chromium, javaScriptEnabled: false } },
  ],
  webServer: [
    {
      // No latency; a quota no run of the browser tests reaches (the API suite tests it).
      command: `exec "${fakeBin}" ${ports.fake} 0 1000000`,
      url: `${urls.fake}/__fake/state`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'pipe',
    },
    app(ports.app, 'calcom.db', {
      CAL_COM_API_URL: urls.fake,
      CAL_COM_TOKEN: sentinelToken,
      ADMIN_TOKEN: adminToken,
      CAL_COM_WEBHOOK_SECRET: webhookSecret,
      // Debug logs include Cal.com's raw answers: scripts/test checks the key is in none.
      RUST_LOG: 'warn,rdv_tunnel=debug',
    }),
    app(ports.demo, 'demo.db', {}),
  ],
});
