import { Request, Response } from 'express';
import { Knex } from 'knex';
import {
  AuthProviderFactory,
  prepareBackstageIdentityResponse,
} from '@backstage/plugin-auth-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import type { AuditLog } from '@yinxin/ops-node';
import { Account, AccountStore } from './AccountStore';

/** Cookie that carries the local session. */
export const SESSION_COOKIE = 'yinxin_session';

/** Options of {@link createLocalProviderFactory}. */
export interface LocalProviderOptions {
  knex: Knex;
  store: AccountStore;
  audit: AuditLog;
  logger: LoggerService;
  sessionHours: number;
  /** Whether the session cookie carries the Secure flag (production behind HTTPS). */
  secureCookie: boolean;
}

function deny(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ error: { code, message } });
}

/**
 * The `local` auth provider: POST `/api/auth/local/refresh` with `{ username, password }` signs in
 * and sets an HttpOnly session cookie; the same route without a body renews the Backstage token
 * from the cookie; POST `/api/auth/local/logout` ends the session. Users are resolved through the
 * catalog (the account's entity ref), so their groups — their roles — come from the catalog.
 */
export function createLocalProviderFactory(options: LocalProviderOptions): AuthProviderFactory {
  const { knex, store, audit, logger, sessionHours, secureCookie } = options;
  return ({ resolverContext, providerId }) => {
    const cookiePath = `/api/auth/${providerId}`;

    async function respondWithIdentity(res: Response, account: Account) {
      const signIn = await resolverContext.signInWithCatalogUser({ entityRef: account.entityRef });
      res.json({
        profile: { displayName: account.displayName },
        providerInfo: { username: account.username, mustChangePassword: account.mustChangePassword },
        backstageIdentity: prepareBackstageIdentityResponse(signIn),
      });
    }

    return {
      async start(_req: Request, res: Response) {
        deny(res, 404, 'NOT_FOUND', 'The local provider has no redirect flow');
      },
      async frameHandler(_req: Request, res: Response) {
        deny(res, 404, 'NOT_FOUND', 'The local provider has no redirect flow');
      },
      async refresh(req: Request, res: Response) {
        const body = (req.body ?? {}) as { username?: unknown; password?: unknown };
        if (typeof body.username === 'string' || typeof body.password === 'string') {
          const username = String(body.username ?? '').trim();
          const password = String(body.password ?? '');
          if (!username || !password || username.length > 64 || password.length > 256) {
            deny(res, 400, 'VALIDATION_FAILED', 'username and password are required');
            return;
          }
          const outcome = await knex.transaction(async trx => {
            const check = await store.checkPassword(username, password, trx);
            const target = { targetType: 'account', targetId: username };
            if (check.result === 'ok') {
              const token = await store.openSession(username, sessionHours, trx);
              await audit.append(trx, { actor: check.account.entityRef, action: 'auth.login', ...target, outcome: 'success', details: { provider: providerId } });
              return { check, token };
            }
            await audit.append(trx, {
              actor: 'anonymous',
              action: check.result === 'invalid' && check.lockedNow ? 'auth.lockout' : 'auth.login',
              ...target,
              outcome: 'denied',
              details: { reason: check.result },
            });
            return { check };
          });
          const { check } = outcome;
          if (check.result === 'locked' || (check.result === 'invalid' && check.lockedNow)) {
            deny(res, 423, 'ACCOUNT_LOCKED', 'Account locked after repeated failures; try later or ask an administrator');
            return;
          }
          if (check.result !== 'ok') {
            deny(res, 401, 'INVALID_CREDENTIALS', 'Wrong user name or password');
            return;
          }
          res.cookie(SESSION_COOKIE, outcome.token!, {
            httpOnly: true,
            sameSite: 'strict',
            secure: secureCookie,
            path: cookiePath,
            maxAge: sessionHours * 3_600_000,
          });
          try {
            await respondWithIdentity(res, check.account);
          } catch (e) {
            logger.warn(`local sign-in of ${username} failed in the catalog: ${e}`);
            deny(res, 403, 'FORBIDDEN', `No catalog user ${check.account.entityRef} for this account`);
          }
          return;
        }
        const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
        const account = token ? await store.sessionAccount(token) : undefined;
        if (!account) {
          deny(res, 401, 'UNAUTHENTICATED', 'No session');
          return;
        }
        await respondWithIdentity(res, account);
      },
      async logout(req: Request, res: Response) {
        const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
        if (token) await store.closeSession(token);
        res.clearCookie(SESSION_COOKIE, { path: cookiePath });
        res.status(200).end();
      },
    };
  };
}
