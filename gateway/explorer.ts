// The in-browser explorer (GraphiQL 5 with its explorer plugin) on browser GETs of /graphql. A GET that prefers
// HTML gets the page when the explorer is on (GRAPHQL_EXPLORER, on by default outside production) and a short
// plain answer otherwise; every other request goes on to Apollo, whose CSRF prevention still refuses a
// GraphQL GET without a preflight header. The page's assets are built locally (gateway/explorer-build.ts)
// and served from /explorer/<build id>/: nothing is loaded from a CDN, so it works offline.
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { ensureExplorerBuild, EXPLORER_OUT_DIR, type ExplorerBuild } from './explorer-build.js';
import { logger, errorField } from '../shared/logger.js';

const ASSETS_PATH = '/explorer';

// The page loads only its own files and talks only to its own origin (ws: included, for subscriptions).
// Monaco sets inline styles and data: fonts/images; nothing may frame the page (the headers hold a token).
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const DISABLED_ANSWER =
  'This is the SoulSeer GraphQL endpoint. Send operations with POST (content-type: application/json).\n' +
  'The in-browser explorer is off here; set GRAPHQL_EXPLORER=1 to turn it on.\n';

function prefersHtml(req: Request): boolean {
  return req.method === 'GET' && req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

function page(build: ExplorerBuild): string {
  const asset = (file: string) => `${ASSETS_PATH}/${build.id}/${file}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SoulSeer API explorer</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${asset('app.css')}">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading the explorer…</div>
<script type="module" src="${asset('app.js')}"></script>
</body>
</html>
`;
}

/**
 * Registers the explorer's routes on the gateway app; call it before the /graphql GraphQL middleware.
 * The build runs on the first browser GET that needs it (once per process), never at start-up.
 */
export function mountExplorer(app: Express, opts: { enabled: boolean }): void {
  let build: Promise<ExplorerBuild> | null = null;
  const current = () => {
    build ??= ensureExplorerBuild().catch((error: unknown) => {
      build = null; // try again on the next request
      throw error;
    });
    return build;
  };

  if (opts.enabled) {
    app.use(ASSETS_PATH, express.static(EXPLORER_OUT_DIR, { index: false, immutable: true, maxAge: '365d', fallthrough: false }));
  }

  app.use('/graphql', async (req: Request, res: Response, next: NextFunction) => {
    if (!prefersHtml(req)) return next();
    res.set('cache-control', 'no-store');
    if (!opts.enabled) return res.status(406).type('text/plain').send(DISABLED_ANSWER);
    // The page computes URLs from its own path: /graphql/ would put them one level down.
    if (req.originalUrl.split('?')[0]!.endsWith('/')) {
      const [pathname, query] = req.originalUrl.split(/\?(.*)/s);
      return res.redirect(308, `${pathname!.replace(/\/+$/, '')}${query ? `?${query}` : ''}`);
    }
    try {
      const ready = await current();
      res.set({ 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
      res.status(200).type('text/html').send(page(ready));
    } catch (error) {
      logger('gateway').error(errorField(error), 'explorer build failed');
      res.status(503).type('text/plain').send(`The explorer could not be built: ${(error as Error).message}\n`);
    }
  });
}
