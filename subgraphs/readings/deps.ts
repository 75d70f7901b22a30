import type { ReadingsService } from './services/sessions.js';

declare module '../../shared/context.js' {
  interface ServiceDeps {
    readings?: ReadingsService;
  }
}
