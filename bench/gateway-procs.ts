// The gateway benchmark's processes: every service and every gateway is a child process of the bench, so the CPU
// each one spends can be read from the kernel's own accounting (/proc/<pid>/stat: user + system time of the
// process, its threads and any process it forked, e.g. a gateway's cluster workers).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const children: ChildProcess[] = [];

export function spawnService(label: string, command: string, args: string[], env: Record<string, string>, cwd = ROOT): ChildProcess {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  child.stderr!.on('data', (d: Buffer) => {
    const line = d.toString().trim();
    if (line && process.env.BENCH_VERBOSE) console.error(`[${label}] ${line}`);
  });
  return child;
}

/** Starts a TypeScript entry point and waits for its JSON "ready" line. */
export function startEntry(label: string, file: string, env: Record<string, string>, nodeArgs: string[] = [], cwd = ROOT): Promise<{ url: string; pid: number }> {
  const child = spawnService(label, process.execPath, [...nodeArgs, '--import', 'tsx', file], env, cwd);
  return new Promise((resolve, reject) => {
    const seconds = Number(process.env.BENCH_START_TIMEOUT ?? 60);
    const timer = setTimeout(() => reject(new Error(`${label} did not start in ${seconds} s`)), seconds * 1000);
    child.once('exit', (code) => reject(new Error(`${label} exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      let msg: { ready?: boolean; url?: string };
      try {
        msg = JSON.parse(line) as typeof msg;
      } catch {
        return; // a log line that merely starts with a brace
      }
      if (msg.ready && msg.url) {
        clearTimeout(timer);
        resolve({ url: msg.url, pid: child.pid! });
      }
    });
  });
}

export async function waitForGraphQL(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await fetch(url, { method: 'POST', headers, body });
      if (r.ok) return;
    } catch {
      // not up yet: retried until the deadline
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer in 60 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// USER_HZ, the unit of /proc/<pid>/stat times: 100 on Linux builds (`getconf CLK_TCK`); BENCH_CLK_TCK overrides.
const TICKS = Number(process.env.BENCH_CLK_TCK ?? 100);

function statCpu(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces), counted from field 3 (state).
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime, stime, cutime, cstime are fields 14–17, i.e. indexes 11–14 here.
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICKS;
}

function descendants(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out; // exited meanwhile
  }
  for (const tid of tasks) {
    let list = '';
    try {
      list = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    for (const c of list.split(' ').filter(Boolean)) out.push(Number(c), ...descendants(Number(c)));
  }
  return out;
}

/** CPU seconds (user + system) a process and its descendants have used so far; NaN where /proc is missing. */
export function cpuSeconds(pid: number): number {
  let total: number;
  try {
    total = statCpu(pid);
  } catch {
    return Number.NaN; // no /proc (not Linux) or the process is gone: printed as n/a
  }
  for (const p of descendants(pid)) {
    try {
      total += statCpu(p);
    } catch {
      // a child that exited between the listing and the read: its time is in the parent's cutime once reaped
    }
  }
  return total;
}

/** SIGTERM to every child, then SIGKILL for any still there after 12 s. */
export async function stopChildren(): Promise<void> {
  const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
  for (const c of running) c.kill('SIGTERM');
  const kill = setTimeout(() => running.forEach((c) => c.exitCode === null && c.signalCode === null && c.kill('SIGKILL')), 12_000);
  await Promise.all(running.map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.once('exit', r)))));
  clearTimeout(kill);
}
