import type { NextPayload } from './ws-frames.js';

// The writes of one shared stream to its subscribers' sockets (shared-groups.ts): completed events queue in a log
// and leave together, one socket write per subscriber for all it has not had yet, paced and sliced so that a
// 10,000-viewer stream neither pays a syscall per event per viewer nor holds the event loop for a whole pass.

/** A subscriber as the writer sees it: `send` writes rendered `next` payloads, in order, in one socket write. */
export interface FanoutTarget {
  send(payloads: readonly NextPayload[]): void;
}

/** One completed event: one payload for everyone, or one per subscriber (a subscriber absent from the map gets none). */
export type FanoutEntry<M extends FanoutTarget> = NextPayload | Map<M, NextPayload>;

export interface FanoutOptions {
  /**
   * After a slice of writes that kept the gateway busy d ms, the next slice waits pause × d, collecting the events
   * completed meanwhile into the same socket writes: the writes take at most 1 / (1 + pause) of the time.
   * Measured on bench:stream at 5,000 viewers (with the pause after each whole write, before passes): pause 0.5 / 1
   * / 2 / 4 gave p99 274 / 279–286 / 342 / 881 ms, gateway CPU 18.4 / 16.6 / 12.3 / 9.1 s; 1 keeps p50 lowest. A
   * session chat (2 subscribers, microseconds) never waits.
   */
  pause?: number;
  /**
   * A pass is cut into slices of this long (ms), with a turn of the event loop between them: the events, entity
   * fetches, mutations and keep-alive pongs that arrive during a 10,000-viewer pass (tens of ms) are served
   * meanwhile instead of after it, and the events completed meanwhile join the writes still to come in the pass.
   */
  sliceMs?: number;
}

interface Pass<M extends FanoutTarget> {
  /** The subscribers when the pass began (one who joins later is written in the next pass), and how many were written. */
  targets: M[];
  at: number;
  /** The log's end when the pass began: once it is done, every one of its subscribers has every event before it. */
  startEnd: number;
}

/**
 * The writer keeps a log of the completed events and passes over the subscribers, each write carrying the events
 * the subscriber has not had yet, up to the newest: an event completed while a pass is under way reaches the
 * subscribers the pass has not written yet in this pass, and the others in the next one. (Before, it waited for a
 * whole write to everyone plus its pause: at 10,000 viewers an event's wait ran from 1 to 3 write durations, now
 * from 0 to 2.) The pause follows every slice instead of every whole write: the same share of the time.
 */
export class FanoutWriter<M extends FanoutTarget> {
  private readonly pause: number;
  private readonly sliceMs: number;
  /** The completed events not yet written to every subscriber; log[0] is event number `base`. */
  private log: Array<FanoutEntry<M>> = [];
  private base = 0;
  /** Every subscriber of the last finished pass has every event before this one. */
  private doneTo = 0;
  /** The next event each subscriber needs; one never written yet needs those from `doneTo` on. */
  private readonly next = new WeakMap<M, number>();
  /** The events from a number to the end of the log, as one list, while the log has `listsEnd` events (shared ones). */
  private lists = new Map<number, NextPayload[] | null>();
  private listsEnd = 0;
  /** The next slice or pass. */
  private timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  private nextWriteAt = 0;
  private pass: Pass<M> | null = null;

  /** `targets` is read when each pass begins. */
  constructor(
    private readonly targets: () => Iterable<M>,
    options: FanoutOptions = {},
  ) {
    this.pause = options.pause ?? 1;
    this.sliceMs = options.sliceMs ?? 4;
  }

  private get end(): number {
    return this.base + this.log.length;
  }

  /** Queues a completed event; it leaves with the next writes (at once if none is due or running). */
  enqueue(entry: FanoutEntry<M>): void {
    this.log.push(entry);
    if (!this.timer && !this.pass) this.schedule();
  }

  /** Writes everything queued now to every subscriber, finishing the pass in progress (before they are ended). */
  flushNow(): void {
    this.flush(Infinity);
  }

  /** Drops the queued events and the unfinished pass (nobody left to write to). */
  halt(): void {
    this.clearTimer();
    this.pass = null;
    this.base = this.doneTo = this.end;
    this.log = [];
  }

  private schedule() {
    const wait = this.nextWriteAt - performance.now();
    this.timer = wait > 1 ? setTimeout(() => this.flush(this.sliceMs), wait) : setImmediate(() => this.flush(this.sliceMs));
  }

  private clearTimer() {
    if (!this.timer) return;
    clearTimeout(this.timer as NodeJS.Timeout);
    clearImmediate(this.timer as NodeJS.Immediate);
    this.timer = null;
  }

  private flush(sliceMs: number) {
    this.clearTimer();
    for (;;) {
      if (!this.pass) {
        if (this.doneTo >= this.end) return;
        this.pass = { targets: [...this.targets()], at: 0, startEnd: this.end };
      }
      const pass = this.pass;
      const started = performance.now();
      const finished = this.writeSlice(pass, sliceMs, started);
      if (this.pass !== pass) return; // halted meanwhile (the last subscriber left)
      this.nextWriteAt = performance.now() + (performance.now() - started) * this.pause;
      if (finished) {
        this.pass = null;
        this.finishPass(pass);
      }
      if (sliceMs !== Infinity) {
        // The rest of this pass, or the next one for the events completed during it, after the pause.
        if (!finished || this.doneTo < this.end) this.schedule();
        return;
      }
    }
  }

  /** Every subscriber of `pass` has the events before its start: those are forgotten unless someone still needs them. */
  private finishPass(pass: Pass<M>) {
    this.doneTo = pass.startEnd;
    let keepFrom = this.doneTo;
    for (const m of pass.targets) keepFrom = Math.min(keepFrom, this.next.get(m) ?? keepFrom);
    if (keepFrom > this.base) {
      this.log = this.log.slice(keepFrom - this.base);
      this.base = keepFrom;
    }
  }

  /** Writes to the next subscribers of `pass` for up to `sliceMs`; true when all were written. */
  private writeSlice(pass: Pass<M>, sliceMs: number, started: number): boolean {
    const { targets } = pass;
    while (pass.at < targets.length && this.pass === pass) {
      const m = targets[pass.at++]!;
      const end = this.end;
      const from = Math.max(this.next.get(m) ?? this.doneTo, this.base);
      if (from < end) {
        this.next.set(m, end);
        const list = this.listFrom(from, end);
        if (list) m.send(list);
        else {
          const own: NextPayload[] = [];
          for (let i = from; i < end; i++) {
            const entry = this.log[i - this.base]!;
            const payload = entry instanceof Map ? entry.get(m) : entry;
            if (payload !== undefined) own.push(payload);
          }
          if (own.length) m.send(own);
        }
      }
      if ((pass.at & 63) === 0 && performance.now() - started >= sliceMs) break;
    }
    return pass.at >= targets.length;
  }

  /**
   * The events [from, end) as one list when none of them is per subscriber (else null): the same array for every
   * subscriber that needs the same events, so their frames are encoded once (ws-frames.ts).
   */
  private listFrom(from: number, end: number): NextPayload[] | null {
    if (this.listsEnd !== end) {
      this.lists = new Map();
      this.listsEnd = end;
    }
    let list = this.lists.get(from);
    if (list === undefined) {
      const entries = this.log.slice(from - this.base, end - this.base);
      list = entries.every((entry) => !(entry instanceof Map)) ? (entries as NextPayload[]) : null;
      this.lists.set(from, list);
    }
    return list;
  }
}
