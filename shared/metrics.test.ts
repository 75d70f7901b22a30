import type { GraphQLRequestContextWillSendResponse, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { metrics, operationMetricsPlugin } from './metrics.js';

async function count(labels: Record<string, string>): Promise<number> {
  const { values } = await metrics.operations.get();
  return values.filter((v) => Object.entries(labels).every(([k, x]) => (v.labels as Record<string, unknown>)[k] === x)).reduce((n, v) => n + v.value, 0);
}

describe('operationMetricsPlugin', () => {
  it('counts the code the client was sent: an unexpected error (no code before formatting) as INTERNAL_SERVER_ERROR', async () => {
    const labels = { service: 'metrics-test' };
    const before = { internal: await count({ ...labels, code: 'INTERNAL_SERVER_ERROR' }), other: await count({ ...labels, code: 'OTHER' }) };
    const listener = await operationMetricsPlugin<BaseContext>('metrics-test').requestDidStart!({} as never);
    await listener!.didEncounterErrors!({ errors: [new GraphQLError('boom')] } as never);
    const formatted = { message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    await listener!.willSendResponse!({
      response: { body: { kind: 'single', singleResult: { errors: [formatted] } }, http: { headers: new Map() } },
      request: {},
    } as unknown as GraphQLRequestContextWillSendResponse<BaseContext>);
    expect(await count({ ...labels, code: 'INTERNAL_SERVER_ERROR' })).toBe(before.internal + 1);
    expect(await count({ ...labels, code: 'OTHER' })).toBe(before.other);
  });
});
