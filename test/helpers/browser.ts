// Headless Chromium for the browser tests: Debian's package (scripts/ensure-chromium.sh installs it
// before `npm test`), driven by playwright-core, with a fresh profile and no background networking,
// since a closed network refuses Chromium's own connections.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.KSTAT_CHROMIUM ?? '/usr/bin/chromium';

export interface Launched {
  /** A persistent context: playwright takes the fresh profile (--user-data-dir) only this way. */
  browser: BrowserContext;
  close: () => Promise<void>;
}

/** Launches Chromium; without it the test fails with what to install, never skips. */
export async function launchBrowser(): Promise<Launched> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium, or run scripts/ensure-chromium.sh); the browser tests need it`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'kstat-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
