/**
 * In-process mutual exclusion by key (a product id), so buyers of the same product in ONE process wait in memory for
 * their turn instead of each holding a pooled database connection while blocked on the product's row lock. It is an
 * optimisation only: correctness across processes comes from the row lock taken in the sale's transaction
 * (stock.ts). Keys are taken in sorted order, so two carts sharing products cannot wait on each other.
 */
export function createKeyedLock() {
  const tails = new Map<string, Promise<void>>();
  async function acquire(key: string): Promise<() => void> {
    const previous = tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    tails.set(key, tail);
    await previous;
    return () => {
      release();
      // The last holder leaves no entry behind.
      if (tails.get(key) === tail) tails.delete(key);
    };
  }
  return {
    async run<T>(keys: string[], fn: () => Promise<T>): Promise<T> {
      const releases: Array<() => void> = [];
      try {
        for (const key of [...new Set(keys)].sort()) releases.push(await acquire(key));
        return await fn();
      } finally {
        for (const release of releases.reverse()) release();
      }
    },
  };
}
