import type { PaymentsService } from './services/payments.js';

declare module '../../shared/context.js' {
  interface ServiceDeps {
    payments?: PaymentsService;
  }
}
