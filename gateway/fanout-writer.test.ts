import { describe, expect, it } from 'vitest';
import { FanoutWriter, type FanoutTarget } from './fanout-writer.js';
import { nextPayload, type NextPayload } from './ws-frames.js';

// The shared-stream writer: every subscriber gets every event once, in order, several per write; a large write is
// cut into slices with turns of the event loop between them; events completed meanwhile go in the next write.

class Target implements FanoutTarget {
  writes: string[][] = [];
  constructor(private readonly onSend?: () => void) {}
  send(payloads: readonly NextPayload[]) {
    this.writes.push(payloads.map((p) => p.json));
    this.onSend?.();
  }
  get events() {
    return this.writes.flat();
  }
}

const turn = () => new Promise((r) => setImmediate(r));
const event = (n: number) => nextPayload(`{"data":{"n":${n}}}`);
async function until(done: () => boolean) {
  while (!done()) await new Promise((r) => setTimeout(r, 1));
}

describe('FanoutWriter (shared-stream writes)', () => {
  it('writes the events queued in one turn to every subscriber in one send each, in order', async () => {
    const targets = [new Target(), new Target(), new Target()];
    const writer = new FanoutWriter(() => targets);
    writer.enqueue(event(1));
    writer.enqueue(event(2));
    expect(targets[0]!.writes).toEqual([]); // not in the caller's turn
    await until(() => targets.every((t) => t.writes.length === 1));
    writer.enqueue(event(3));
    await until(() => targets.every((t) => t.writes.length === 2));
    for (const t of targets) expect(t.writes).toEqual([['{"data":{"n":1}}', '{"data":{"n":2}}'], ['{"data":{"n":3}}']]);
  });

  it('cuts a large write into slices, lets the event loop run between them, and keeps every subscriber in order', async () => {
    const targets = Array.from({ length: 2_000 }, () => new Target());
    const writer = new FanoutWriter(() => targets, { sliceMs: 0 });
    writer.enqueue(event(1));
    // Turns of the event loop while the first write is under way: some see it half done, and an event completed
    // meanwhile waits for the next write instead of reaching only the subscribers not yet written.
    const progress: number[] = [];
    let queued = false;
    while (targets.some((t) => t.events.length < (queued ? 2 : 1))) {
      await turn();
      const written = targets.filter((t) => t.writes.length > 0).length;
      progress.push(written);
      if (!queued && written > 0) {
        writer.enqueue(event(2));
        queued = true;
      }
    }
    expect(progress.some((n) => n > 0 && n < targets.length)).toBe(true);
    for (const t of targets) expect(t.writes).toEqual([['{"data":{"n":1}}'], ['{"data":{"n":2}}']]);
  });

  it('gives each subscriber its own payload where an event was completed per subscriber', async () => {
    const [a, b] = [new Target(), new Target()];
    const writer = new FanoutWriter<Target>(() => [a, b]);
    writer.enqueue(event(1));
    writer.enqueue(new Map([[a, nextPayload('{"data":{"own":"a"}}')]]));
    writer.enqueue(event(3));
    await until(() => a.writes.length === 1 && b.writes.length === 1);
    expect(a.events).toEqual(['{"data":{"n":1}}', '{"data":{"own":"a"}}', '{"data":{"n":3}}']);
    expect(b.events).toEqual(['{"data":{"n":1}}', '{"data":{"n":3}}']);
  });

  it('stops a write when halted (the last subscriber left), and writes again afterwards', async () => {
    let writer: FanoutWriter<Target> | null = null;
    let halted = false;
    const halt = () => {
      if (!halted) writer!.halt();
      halted = true;
    };
    const targets = Array.from({ length: 200 }, (_, i) => new Target(i === 99 ? halt : undefined));
    writer = new FanoutWriter(() => targets, { sliceMs: 0 });
    writer.enqueue(event(1));
    await until(() => targets[99]!.writes.length === 1);
    await turn();
    await turn();
    expect(targets.filter((t) => t.writes.length).length).toBe(100);
    writer.enqueue(event(2));
    await until(() => targets[199]!.writes.length === 1);
    expect(targets[0]!.events).toEqual(['{"data":{"n":1}}', '{"data":{"n":2}}']);
    expect(targets[199]!.events).toEqual(['{"data":{"n":2}}']);
  });

  it('finishes the write in progress and the queued events at once on flushNow (before the subscribers end)', async () => {
    const targets = Array.from({ length: 1_000 }, () => new Target());
    const writer = new FanoutWriter(() => targets, { sliceMs: 0 });
    writer.enqueue(event(1));
    await until(() => targets[0]!.writes.length === 1);
    writer.enqueue(event(2));
    writer.flushNow();
    for (const t of targets) expect(t.events).toEqual(['{"data":{"n":1}}', '{"data":{"n":2}}']);
    await turn();
    expect(targets[999]!.writes.length).toBe(2); // nothing left over for later
  });
});
