import express from 'express';
import type { WebhookEvent } from 'livekit-server-sdk';

/**
 * POST /webhooks/livekit on a subgraph: the raw body, LiveKit's signature checked (`verify`) before anything is
 * read (401 otherwise), an event id required (400), then `apply` — whose outcome ('applied', 'duplicate',
 * 'ignored') is answered with 200. A failure answers 500 without recording the event, so LiveKit's retry (through
 * the gateway) applies it. Readings (session rooms) and community (stream rooms) each mount one.
 */
export function liveKitWebhookRoute(
  service: string,
  verify: (raw: string, authorization: string | undefined) => Promise<WebhookEvent>,
  apply: (event: WebhookEvent & { id: string }) => Promise<string>,
) {
  return (app: express.Express) => {
    app.post('/webhooks/livekit', express.raw({ type: () => true, limit: '256kb' }), async (req, res) => {
      const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      let event: WebhookEvent;
      try {
        event = await verify(raw, req.get('authorization') ?? undefined);
      } catch {
        res.status(401).json({ error: 'invalid signature' });
        return;
      }
      if (!event.id) {
        res.status(400).json({ error: 'event without id' });
        return;
      }
      try {
        res.json({ ok: true, outcome: await apply(event as WebhookEvent & { id: string }) });
      } catch (e) {
        console.warn(`[${service}] LiveKit webhook ${event.id} failed: ${String(e)}`);
        res.status(500).json({ error: 'not applied' });
      }
    });
  };
}
