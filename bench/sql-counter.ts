// BENCH_SQL=1: a TCP proxy in front of PostgreSQL per subgraph that counts the SQL statements it sends (PostgreSQL
// wire protocol, frontend side: each simple Query 'Q' and each extended-protocol Execute 'E' is one statement;
// BEGIN/COMMIT count too). Opt-in, because the proxy's own work runs in the bench process, on the same cores.
import net from 'node:net';

export interface SqlCounter {
  port: number;
  statements: number;
  close(): Promise<void>;
}

/** A parser of one client connection's byte stream: the startup message has no type byte, every later one does. */
function frontendParser(onStatement: () => void) {
  let startup = true;
  let skip = 0;
  let header: number[] = [];
  return (chunk: Buffer) => {
    let i = 0;
    while (i < chunk.length) {
      if (skip > 0) {
        const n = Math.min(skip, chunk.length - i);
        skip -= n;
        i += n;
        continue;
      }
      const need = startup ? 4 : 5;
      while (header.length < need && i < chunk.length) header.push(chunk[i++]!);
      if (header.length < need) return;
      const h = Buffer.from(header);
      header = [];
      if (startup) {
        startup = false;
        skip = h.readInt32BE(0) - 4;
      } else {
        const type = String.fromCharCode(h[0]!);
        if (type === 'Q' || type === 'E') onStatement();
        skip = h.readInt32BE(1) - 4;
      }
    }
  };
}

export function startSqlCounter(target: URL): Promise<SqlCounter> {
  const host = target.hostname || '127.0.0.1';
  const port = Number(target.port || 5432);
  const sockets = new Set<net.Socket>();
  const counter: SqlCounter = {
    port: 0,
    statements: 0,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(port, host);
    sockets.add(client).add(upstream);
    client.on('data', frontendParser(() => (counter.statements += 1)));
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    // Either side closing or failing ends the pair, as a direct connection would end.
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      counter.port = (server.address() as net.AddressInfo).port;
      resolve(counter);
    });
  });
}

/** The same database URL, reached through the counter. */
export function throughCounter(url: string, counter: SqlCounter): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(counter.port);
  return u.toString();
}
