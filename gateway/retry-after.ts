import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';

const retryAfter = (seconds: unknown) => String(Math.max(1, Math.ceil(Number(seconds) || 1)));

/**
 * Over HTTP, SERVICE_UNAVAILABLE (overloaded or briefly unavailable: retry) carries `Retry-After`:
 * - refused before the operation ran (the viewer's sign-in could not be checked: AUTH_UNAVAILABLE): 503;
 * - an executed operation whose every error is SERVICE_UNAVAILABLE (a subgraph's database overloaded): the longest
 *   `retryAfterSeconds`, with the status GraphQL over HTTP gives an executed operation (200: the errors are field
 *   errors, next to whatever data could be read).
 */
export function retryAfterPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async contextCreationDidFail({ error }) {
      // Apollo answers a context that failed with this error's extensions.http (else 500).
      const extensions = (error as GraphQLError).extensions as Record<string, unknown> | undefined;
      if (extensions?.code !== 'SERVICE_UNAVAILABLE') return;
      extensions.http = { status: 503, headers: new Map([['retry-after', retryAfter(extensions.retryAfterSeconds)]]) };
    },
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors?.length || !errors.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) return;
          const seconds = Math.max(...errors.map((e) => Number(retryAfter(e.extensions?.retryAfterSeconds))));
          response.http.headers.set('retry-after', String(seconds));
        },
      };
    },
  };
}
