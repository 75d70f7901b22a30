import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's root folder (committed files such as `schema/` and `prisma/` are read from it). Found by walking
 * up to this project's package.json rather than by a fixed `../..`, so the same code works from its source file and
 * from the start-up bundle `npm start` runs (`node_modules/.cache/soulseer/`, see scripts/launch.mjs).
 */
export const REPO_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'soulseer-api') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no soulseer-api package.json above ${from}`);
  }
}
