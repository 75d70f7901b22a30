// The in-browser explorer served on browser GETs of /graphql (gateway/explorer.ts). Bundled by
// gateway/explorer-build.ts with esbuild into .data/graphiql/<build>/: no CDN, it works offline.
import './workers.js';
import { createRoot } from 'react-dom/client';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';

// The endpoint is the page's own URL: queries over HTTP POST, subscriptions over graphql-ws on the same path.
const url = `${location.origin}${location.pathname.replace(/\/+$/, '')}`;
const subscriptionUrl = url.replace(/^http/, 'ws');

const PLACEHOLDER_TOKEN = '<paste token>';
const DEFAULT_HEADERS = JSON.stringify({ authorization: `Bearer ${PLACEHOLDER_TOKEN}` }, null, 2);
const DEFAULT_QUERY = `# SoulSeer API explorer
#
# 1. Log in: run the mutation below with your account
#    (npm start's demo accounts are in the README).
# 2. Copy accessToken into the Headers tab below,
#    in place of ${PLACEHOLDER_TOKEN}.
# 3. Ask for what you need, e.g. { me { id } }, or build
#    a query in the Explorer (left sidebar).
# Subscriptions run over graphql-ws on this same URL.

mutation Login {
  login(input: { email: "you@example.com", password: "your password" }) {
    accessToken
    user { id role }
  }
}
`;

const base = createGraphiQLFetcher({ url, subscriptionUrl, enableIncrementalDelivery: false });

// The prefilled header is a hint, not a token: leave it out until a real token replaces the placeholder, so the
// schema loads and anonymous operations run before logging in (HTTP headers and graphql-ws connectionParams alike).
const fetcher: Fetcher = (params, opts) => {
  const headers = { ...(opts?.headers ?? {}) } as Record<string, unknown>;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'authorization' && typeof value === 'string' && value.includes(PLACEHOLDER_TOKEN)) delete headers[name];
  }
  return base(params, { ...opts, headers });
};

// A link may carry an operation: /graphql?query=…&variables=…
const search = new URLSearchParams(location.search);

// The default plugins (history) plus the explorer, built once.
const plugins = [HISTORY_PLUGIN, explorerPlugin()];

const root = document.getElementById('graphiql');
if (!root) throw new Error('#graphiql is missing from the page');
createRoot(root).render(
  <GraphiQL
    fetcher={fetcher}
    plugins={plugins}
    defaultQuery={DEFAULT_QUERY}
    defaultHeaders={DEFAULT_HEADERS}
    initialQuery={search.get('query') ?? undefined}
    initialVariables={search.get('variables') ?? undefined}
    defaultEditorToolsVisibility="headers"
    shouldPersistHeaders={false}
  />,
);
