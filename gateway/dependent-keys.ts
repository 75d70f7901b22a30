/**
 * What the gateway's merging layers (operation-dedupe.ts for whole operations, dedupe-fetch.ts for subgraph
 * requests, entity-batcher.ts for subscription events' entity fetches) remember of the keys whose last answer was viewer-dependent. Another viewer's identical request for
 * such a key is executed at once instead of waiting for the one in flight, whose answer it could never reuse:
 * without this memory a viewer-dependent operation (`me`, a wallet, a viewer's own sessions) asked by many viewers
 * at once queued behind one another, each waiting a whole execution for nothing. This memory only ever takes
 * merging away, never adds any: a key answered viewer-independent again is forgotten at once (merging resumes),
 * and an entry lapses after `ttlMs`, so a key whose answers change nature is tried again. Same-viewer merging is
 * untouched. Bounded: the oldest entry leaves first.
 */
export class DependentKeys {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly max = 10_000,
  ) {}

  /** The key's last answer was viewer-dependent (within ttlMs). */
  has(key: string): boolean {
    const until = this.until.get(key);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.until.delete(key);
    return false;
  }

  /** What an answer of this key showed: dependent keys are remembered, an independent answer forgets the key. */
  record(key: string, dependent: boolean): void {
    if (!dependent) {
      this.until.delete(key);
      return;
    }
    // Re-inserted at the end: the map's order is the order of last use, the oldest first out.
    this.until.delete(key);
    if (this.until.size >= this.max) this.until.delete(this.until.keys().next().value!);
    this.until.set(key, Date.now() + this.ttlMs);
  }

  clear(): void {
    this.until.clear();
  }

  get size(): number {
    return this.until.size;
  }
}
