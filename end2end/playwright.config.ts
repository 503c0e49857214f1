import { defineConfig, devices } from '@playwright/test';
import path from 'node:path';

// The release server under test, started by Playwright from the built binary and site.
// scripts/test builds both and passes their paths; these defaults fit a plain `cargo leptos build --release`.
const root = path.resolve(__dirname, '..');
const serverBin = process.env.RDV_SERVER_BIN ?? path.join(root, 'target/release/rdv-tunnel');
const siteRoot = process.env.RDV_SITE_ROOT ?? path.join(root, 'target/site');
const port = Number(process.env.RDV_E2E_PORT ?? 3111);
export const baseURL = `http://127.0.0.1:${port}`;

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
    baseURL,
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'js', use: { ...chromium, javaScriptEnabled: true } },
    { name: 'nojs', use: { ...chromium, javaScriptEnabled: false } },
  ],
  webServer: {
    // A fresh database per run; demo calendar (no Cal.com variables).
    command: `rm -rf .tmp/db && mkdir -p .tmp/db && exec "${serverBin}"`,
    cwd: __dirname,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      RDV_CONFIG: path.join(root, 'Leptos.toml'),
      LEPTOS_SITE_ROOT: siteRoot,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_ENV: 'PROD',
      DATABASE_URL: 'sqlite://.tmp/db/e2e.db',
      CAL_COM_TOKEN: '',
      CAL_COM_API_URL: '',
      RUST_LOG: 'warn,rdv_tunnel=info',
    },
  },
});
