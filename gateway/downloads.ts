import { Readable } from 'node:stream';
import type { Express } from 'express';
import { errorField, logger } from '../shared/logger.js';
import type { SubgraphName } from './supergraph.js';

const PASSED_HEADERS = ['content-type', 'content-length', 'content-disposition', 'cache-control'];

/**
 * GET /downloads/:token on the public origin: the shop's signed download links (payments checks the signature,
 * expiry and uses, and streams the file). The gateway only passes the request on and streams the answer back.
 */
export function mountDownloads(app: Express, subgraphUrls: Record<SubgraphName, string>) {
  app.get('/downloads/:token', async (req, res) => {
    const target = subgraphUrls.payments.replace(/\/graphql$/, `/downloads/${encodeURIComponent(String(req.params.token))}`);
    let upstream: Response;
    try {
      upstream = await fetch(target, { signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      logger('gateway').warn({ ...errorField(error) }, 'download could not be passed on to payments');
      res.status(502).json({ error: 'UNAVAILABLE', message: 'Downloads are unavailable right now; try again.' });
      return;
    }
    res.status(upstream.status);
    for (const h of PASSED_HEADERS) {
      const v = upstream.headers.get(h);
      if (v) res.setHeader(h, v);
    }
    if (!upstream.body) {
      res.end();
      return;
    }
    Readable.fromWeb(upstream.body as import('node:stream/web').ReadableStream).pipe(res);
  });
}
