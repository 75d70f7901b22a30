import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Headless Chromium as root on a closed network: without the background-networking flags its own
// connections (updates, sync, QUIC probes) are refused and slow everything down.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches the machine's Chromium (Debian package `chromium`); fails, never skips, when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: run \`apt-get update && apt-get install -y chromium\` (.ci/run does), or set CHROMIUM_PATH.`);
  }
  // Each launch gets a new empty profile (playwright's own --user-data-dir), removed by browser.close().
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
}
