import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * Debian's chromium driven by playwright-core. No browser download: if no chromium is installed,
 * this fails with what to install (integration tests must not silently skip).
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? CHROMIUM_PATHS.find((p) => fs.existsSync(p));
  if (!executablePath || !fs.existsSync(executablePath)) {
    throw new Error(
      `No chromium found (looked at ${process.env.CHROMIUM_PATH ?? CHROMIUM_PATHS.join(', ')}): install it with "apt-get install -y chromium" or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
