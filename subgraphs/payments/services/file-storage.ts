import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where the shop's digital goods live. A product's `fileKey` names a file here. The local folder is the default; a
 * bucket (S3, GCS…) replaces it by implementing these two methods (a signed bucket URL could be returned instead).
 */
export interface FileStorage {
  /** Size of the file, or null when there is none under this key. */
  size(key: string): Promise<number | null>;
  /** A stream of the file's bytes. */
  open(key: string): Readable;
}

/** Files under `dir` (FILE_STORAGE_DIR): a key never resolves outside it. */
export function localFileStorage(dir: string): FileStorage {
  const root = path.resolve(dir);
  const resolve = (key: string): string | null => {
    const full = path.resolve(root, key);
    return full.startsWith(root + path.sep) ? full : null;
  };
  return {
    async size(key) {
      const full = resolve(key);
      if (!full) return null;
      try {
        const s = await stat(full);
        return s.isFile() ? s.size : null;
      } catch (error) {
        // A missing file is an answer (null); anything else (permissions, I/O) is a real failure.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
        throw error;
      }
    },
    open(key) {
      const full = resolve(key);
      if (!full) throw new Error('file key outside the storage folder');
      return createReadStream(full);
    },
  };
}
