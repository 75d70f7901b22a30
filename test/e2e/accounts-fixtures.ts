import http from 'node:http';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';
import type { GraphQLResponse, TestFederation } from '../helpers/federation.js';

// Helpers of the accounts end-to-end tests (their users come from the seed API, test/helpers/seed.ts).

/** Runs an operation through the gateway from another loopback address (127.0.0.0/8), i.e. as another client IP. */
export function runFrom<R, V>(fed: TestFederation, ip: string, doc: TypedDocumentNode<R, V>, variables: V): Promise<GraphQLResponse<R>> {
  const body = JSON.stringify({ query: print(doc), variables });
  const url = new URL(fed.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress: ip, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const json = JSON.parse(text) as { data?: R | null; errors?: GraphQLFormattedError[] };
          resolve({ status: res.statusCode ?? 0, data: json.data, errors: json.errors });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
