export { ApiError } from './ApiError';
export { parseInput } from './validate';
export { createApiRouter, apiErrorHandler } from './ApiRouter';
export type {
  ApiRouter,
  ApiRouterOptions,
  HttpMethod,
  RouteAccess,
  RouteContext,
  RouteDescriptor,
  RouteHandler,
} from './ApiRouter';
export { registerAuditRoutes } from './auditRoutes';
export { readRawBody } from './rawBody';
export { RateLimiter } from './rateLimit';
