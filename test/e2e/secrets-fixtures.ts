import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../shared/config.js';
import { loadOrCreateSecrets } from '../../shared/embedded-secrets.js';

// The secrets this repository once published in shared/config.ts as development fallbacks. Anyone who read
// the source could sign with them; nothing may ever accept them again.
const PUBLISHED = 'soulseer-development-secret-change-me-0123456789';
export const PUBLISHED_SECRETS = {
  jwt: `${PUBLISHED}-JWT_SECRET`,
  gateway: `${PUBLISHED}-GATEWAY_SECRET`,
  livekitKey: 'devkey',
  livekitSecret: `${PUBLISHED}-livekit`,
} as const;

/**
 * The configuration `npm start` builds by default (no DATABASE_URL, no NODE_ENV, no secrets in the environment):
 * scripts/start.ts's own call, with the embedded secrets kept in a temporary data directory instead of .data/.
 */
export function npmStartConfig(env: NodeJS.ProcessEnv = {}): { config: Config; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'soulseer-data-'));
  return { config: loadConfig(env, loadOrCreateSecrets(dir)), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
