/**
 * STRIPE_API_URL: where the Stripe SDK sends its requests instead of api.stripe.com (a local Stripe mock, or the
 * tests' fake when services run as separate processes), e.g. `http://127.0.0.1:12111`. Unset: Stripe itself.
 */
export function stripeApiOverride(raw: string | undefined): { apiHost?: string; apiPort?: number; apiProtocol?: 'http' | 'https' } {
  if (!raw) return {};
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('STRIPE_API_URL must be an http(s) URL.');
  const apiProtocol = url.protocol === 'http:' ? 'http' : 'https';
  return { apiHost: url.hostname, apiPort: url.port ? Number(url.port) : apiProtocol === 'http' ? 80 : 443, apiProtocol };
}
