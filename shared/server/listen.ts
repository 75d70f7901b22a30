import type { Server } from 'node:http';
import { WebSocketServer, type ServerOptions } from 'ws';

/** Listens, rejecting (instead of crashing the process with an unhandled 'error' event) when the port is taken. */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/**
 * A graphql-ws socket server on `path` of an HTTP server. It handles the server's upgrades itself (noServer) instead of
 * attaching to the server, so a failed listen (port in use) is the caller's one error, not also graphql-ws's
 * "Internal error emitted on the WebSocket server" dump; an upgrade on another path is refused.
 */
export function webSocketServerOn(server: Server, path: string, options: Omit<ServerOptions, 'server' | 'noServer' | 'path' | 'port'> = {}): WebSocketServer {
  const wss = new WebSocketServer({ ...options, noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== path) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  return wss;
}
