import express, { type Express } from 'express';
import type { SubgraphName } from './supergraph.js';
import { logger, errorField } from '../shared/logger.js';

/**
 * Which subgraphs handle each webhook that arrives at the public origin. A LiveKit delivery goes to every
 * subgraph that owns LiveKit rooms: readings (session rooms) and community (stream rooms). Each verifies the
 * signature itself and applies only its own rooms, once per event id, in its own tables.
 */
const WEBHOOK_ROUTES: Record<string, readonly SubgraphName[]> = {
  '/webhooks/livekit': ['readings', 'community'],
  '/webhooks/stripe': ['payments'],
};

const FORWARDED_HEADERS = ['content-type', 'authorization', 'stripe-signature'];
const TIMEOUT_MS = 10_000;

interface TargetAnswer {
  status: number;
  /** No answer at all (down, timed out): reported as 502. */
  unreachable?: boolean;
  contentType: string;
  body: Buffer;
}

/** What one fan-out target said, as reported in the merged answer. */
interface WebhookTargetReport {
  status: number;
  outcome?: string;
}

async function forward(url: string, headers: Record<string, string>, body: Buffer): Promise<TargetAnswer> {
  try {
    const upstream = await fetch(url, { method: 'POST', headers, body: new Uint8Array(body), signal: AbortSignal.timeout(TIMEOUT_MS) });
    return { status: upstream.status, contentType: upstream.headers.get('content-type') ?? 'application/json', body: Buffer.from(await upstream.arrayBuffer()) };
  } catch (error) {
    logger('gateway').warn({ ...errorField(error), url }, 'webhook could not be passed on to its subgraph');
    return { status: 502, unreachable: true, contentType: 'application/json', body: Buffer.alloc(0) };
  }
}

function outcomeOf(a: TargetAnswer): string | undefined {
  try {
    const json = JSON.parse(a.body.toString('utf8')) as { outcome?: unknown };
    return typeof json.outcome === 'string' ? json.outcome : undefined;
  } catch {
    // A body that is not JSON names no outcome.
    return undefined;
  }
}

/**
 * One answer for LiveKit from several targets: 200 only when every target accepted (so a failure anywhere makes
 * LiveKit retry, and the targets that already applied it answer 'duplicate'); 401 when a target refused the
 * signature; 502 when a target failed or was unreachable; otherwise the first target's 4xx. `outcome` sums up:
 * 'applied' if any target applied it, else 'duplicate' if any had, else 'ignored'.
 */
function mergeWebhookAnswers(answers: Array<[SubgraphName, TargetAnswer]>): { status: number; body: Record<string, unknown> } {
  const targets: Record<string, WebhookTargetReport> = {};
  for (const [name, a] of answers) {
    const outcome = outcomeOf(a);
    targets[name] = { status: a.status, ...(outcome ? { outcome } : {}) };
  }
  const statuses = answers.map(([, a]) => a.status);
  if (statuses.every((s) => s >= 200 && s < 300)) {
    const outcomes = Object.values(targets).map((t) => t.outcome);
    const outcome = outcomes.includes('applied') ? 'applied' : outcomes.includes('duplicate') ? 'duplicate' : 'ignored';
    return { status: 200, body: { ok: true, outcome, targets } };
  }
  if (statuses.includes(401)) return { status: 401, body: { error: 'invalid signature', targets } };
  if (statuses.some((s) => s >= 500)) return { status: 502, body: { error: 'not applied everywhere; retry', targets } };
  return { status: statuses.find((s) => s >= 400) ?? 502, body: { error: 'refused', targets } };
}

/** Mounts the webhook routes: the raw body is passed, byte for byte, to each target subgraph. */
export function mountWebhooks(app: Express, subgraphUrls: Record<SubgraphName, string>) {
  for (const [route, owners] of Object.entries(WEBHOOK_ROUTES)) {
    app.post(route, express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
      const headers: Record<string, string> = {};
      for (const h of FORWARDED_HEADERS) {
        const v = req.header(h);
        if (v) headers[h] = v;
      }
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const answers = await Promise.all(
        owners.map(async (name) => [name, await forward(subgraphUrls[name].replace(/\/graphql$/, route), headers, body)] as [SubgraphName, TargetAnswer]),
      );
      if (answers.length === 1) {
        const [, a] = answers[0]!;
        if (a.unreachable) {
          res.status(502).json({ errors: [{ message: 'The service that handles this webhook is unavailable.', extensions: { code: 'INTERNAL' } }] });
          return;
        }
        res.status(a.status).type(a.contentType).send(a.body);
        return;
      }
      const merged = mergeWebhookAnswers(answers);
      res.status(merged.status).json(merged.body);
    });
  }
}
