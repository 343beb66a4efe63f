import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import {
  BackstageCredentials,
  BackstageNonePrincipal,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { SERVICE_GRANTS, grantMatches } from '@yinxin/ops-common';
import { ApiError } from './ApiError';
import { RateLimiter } from './rateLimit';

/** HTTP methods the API router registers. */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route: one or more Backstage permissions (any one suffices; the handler learns
 * which were granted), or `public` for routes open to anonymous callers (the public web form,
 * webhooks that authenticate themselves).
 */
export type RouteAccess =
  | { permissions: readonly BasicPermission[] }
  | {
      public: true;
      /**
       * The route costs CPU (signature checks, signed answers): anonymous callers are limited to
       * the router's `anonymousPerMinute` per client address (signed-in users and services are not).
       */
      throttled?: boolean;
    };

/** A registered route, as enumerated by the permission matrix test and the API docs. */
export interface RouteDescriptor {
  method: HttpMethod;
  path: string;
  access: RouteAccess;
  /** Sample input the route-matrix test sends; absent means an empty JSON object. */
  sampleBody?: unknown;
  /**
   * The body is raw bytes of any content type (uploads), read by the handler with `readRawBody`
   * under its own size limit: the JSON parser leaves it alone even when it is labelled JSON.
   */
  rawBody?: boolean;
}

/** What a handler receives. */
export interface RouteContext {
  req: Request;
  res: Response;
  credentials: BackstageCredentials<
    BackstageUserPrincipal | BackstageServicePrincipal | BackstageNonePrincipal
  >;
  /** The signed-in user's entity ref, or undefined for service and anonymous callers. */
  userRef?: string;
  /** The actor recorded in the audit log: user ref, `plugin:<id>` or `anonymous`. */
  actor: string;
  /** True when the caller was granted `permission` (one of the route's permissions). */
  granted(permission: BasicPermission): boolean;
}

/** Handler result: sent as JSON with status 200, or `{ status, body }` to choose the status. */
export type RouteHandler = (
  ctx: RouteContext,
) => Promise<unknown | { status: number; body: unknown }>;

/** Options of {@link createApiRouter}. */
export interface ApiRouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  logger: LoggerService;
  /** Largest JSON body accepted, e.g. '256kb' (default '256kb'). */
  jsonLimit?: string;
  /**
   * Requests a minute an anonymous client (by address) may make to the router's throttled
   * public routes (`yinxin.publicRateLimit.perMinute`); absent: no limit.
   */
  anonymousPerMinute?: number;
}

/**
 * An express router in which every route declares its access rule, is checked against the
 * Backstage permission framework before its handler runs, and answers errors as
 * `{ error: { code, message } }`. The list of registered routes is kept so that tests can check
 * every route against every role.
 */
export interface ApiRouter {
  /** The express router to hand to the plugin's httpRouter. */
  router: express.Router;
  /** Registers a route. */
  route(descriptor: RouteDescriptor, handler: RouteHandler): void;
  /** Every route registered so far. */
  routes(): readonly RouteDescriptor[];
}

function actorOf(credentials: RouteContext['credentials']): string {
  const p = credentials.principal;
  if (p.type === 'user') return p.userEntityRef;
  if (p.type === 'service') return p.subject.replace(/^plugin:/, 'plugin:');
  return 'anonymous';
}

/** Creates an {@link ApiRouter}. */
export function createApiRouter(options: ApiRouterOptions): ApiRouter {
  const { httpAuth, permissions, logger } = options;
  const router = Router();
  const outer = Router();
  const descriptors: RouteDescriptor[] = [];
  // Routes declared with `rawBody` are marked before the JSON parser runs, which then skips them.
  const rawRoutes = Router();
  const RAW = Symbol('yinxin.rawBody');
  outer.use(rawRoutes);
  outer.use(
    express.json({
      limit: options.jsonLimit ?? '256kb',
      type: req => !(req as unknown as Record<symbol, boolean>)[RAW] && !!(req as Request).is('application/json'),
      // Keep the exact bytes for routes that check a signature over the body (webhooks).
      verify: (req, _res, buf) => {
        (req as Request & { rawBody?: Buffer }).rawBody = Buffer.from(buf);
      },
    }),
  );
  outer.use(router);
  outer.use(apiErrorHandler(logger));

  const limiter = options.anonymousPerMinute ? new RateLimiter(options.anonymousPerMinute) : undefined;

  function route(descriptor: RouteDescriptor, handler: RouteHandler) {
    descriptors.push(descriptor);
    if (descriptor.rawBody) {
      rawRoutes[descriptor.method](descriptor.path, (req: Request, _res: Response, next: () => void) => {
        (req as unknown as Record<symbol, boolean>)[RAW] = true;
        next();
      });
    }
    router[descriptor.method](descriptor.path, async (req: Request, res: Response) => {
      const isPublic = 'public' in descriptor.access;
      const credentials = (await httpAuth.credentials(req, {
        allow: isPublic ? ['user', 'service', 'none'] : ['user', 'service'],
      })) as RouteContext['credentials'];
      if (limiter && isPublic && (descriptor.access as { throttled?: boolean }).throttled && credentials.principal.type === 'none') {
        const wait = limiter.take(req.ip ?? req.socket.remoteAddress ?? 'unknown');
        if (wait > 0) {
          res.setHeader('Retry-After', String(wait));
          throw new ApiError('RATE_LIMITED', `Too many requests; try again in ${wait} s`);
        }
      }
      const grantedNames = new Set<string>();
      if (!isPublic) {
        const perms = (descriptor.access as { permissions: readonly BasicPermission[] })
          .permissions;
        if (credentials.principal.type === 'service') {
          // Backstage's permission service allows every service principal everything; yinxin
          // narrows other plugins (and static external tokens) to SERVICE_GRANTS.
          for (const p of perms) if (SERVICE_GRANTS.some(g => grantMatches(g, p.name))) grantedNames.add(p.name);
        } else {
          const decisions = await permissions.authorize(
            perms.map(permission => ({ permission })),
            { credentials: credentials as BackstageCredentials },
          );
          decisions.forEach((d, i) => {
            if (d.result === AuthorizeResult.ALLOW) grantedNames.add(perms[i].name);
          });
        }
        if (grantedNames.size === 0) {
          throw new ApiError(
            'FORBIDDEN',
            `Missing permission: ${perms.map(p => p.name).join(' or ')}`,
          );
        }
      }
      const principal = credentials.principal;
      const ctx: RouteContext = {
        req,
        res,
        credentials,
        userRef: principal.type === 'user' ? principal.userEntityRef : undefined,
        actor: actorOf(credentials),
        granted: permission => grantedNames.has(permission.name),
      };
      const result = await handler(ctx);
      if (res.headersSent) return;
      if (
        result &&
        typeof result === 'object' &&
        'status' in result &&
        'body' in result &&
        typeof (result as { status: unknown }).status === 'number'
      ) {
        const r = result as { status: number; body: unknown };
        res.status(r.status).json(r.body);
      } else {
        res.json(result ?? {});
      }
    });
  }

  return {
    router: outer,
    route,
    routes: () => descriptors,
  };
}

/**
 * Express error middleware that answers {@link ApiError}s, body-parser errors and Backstage's own
 * auth errors with the JSON error shape; anything else is logged and answered 500 `INTERNAL`
 * without leaking its message.
 */
export function apiErrorHandler(logger: LoggerService): express.ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof ApiError) {
      res.status(err.status).json(err.toBody());
      return;
    }
    const name = (err as { name?: string })?.name;
    const type = (err as { type?: string })?.type;
    if (type === 'entity.too.large') {
      res.status(413).json(new ApiError('PAYLOAD_TOO_LARGE', 'Request body too large').toBody());
      return;
    }
    if (type === 'entity.parse.failed') {
      res.status(400).json(new ApiError('VALIDATION_FAILED', 'Malformed JSON body').toBody());
      return;
    }
    if (name === 'AuthenticationError') {
      res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'Sign-in required' } });
      return;
    }
    if (name === 'NotAllowedError') {
      res.status(403).json({ error: { code: 'FORBIDDEN', message: String(err.message) } });
      return;
    }
    if (name === 'InputError') {
      res.status(400).json({ error: { code: 'VALIDATION_FAILED', message: String(err.message) } });
      return;
    }
    logger.error('Unhandled API error', err);
    res.status(500).json({ error: { code: 'INTERNAL', message: 'Internal error' } });
  };
}
