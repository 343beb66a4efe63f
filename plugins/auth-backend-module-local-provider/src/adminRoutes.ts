import { Knex } from 'knex';
import { z } from 'zod';
import { accountsManagePermission, accountsSelfPermission } from '@yinxin/ops-common';
import { ApiError, ApiRouter, AuditLog, parseInput } from '@yinxin/ops-node';
import { AccountStore } from './AccountStore';
import { generatePassword, passwordPolicyViolation } from './password';

const usernameSchema = z.string().regex(/^[a-z][a-z0-9._-]{1,63}$/, 'lower-case letters, digits, . _ -');

/**
 * Account administration routes (`/api/auth/local-accounts/...`): list, create, reset password,
 * unlock, enable/disable — each under `yinxin.accounts.manage` and audited — plus changing one's
 * own password, open to every signed-in user with an account.
 */
export function registerAdminRoutes(api: ApiRouter, deps: { knex: Knex; store: AccountStore; audit: AuditLog }) {
  const { knex, store, audit } = deps;
  const manage = { permissions: [accountsManagePermission] };

  api.route({ method: 'get', path: '/accounts', access: manage }, async () => ({ items: await store.list() }));

  api.route(
    { method: 'post', path: '/accounts', access: manage, sampleBody: { username: 'matrix-probe', entityRef: 'user:default/matrix-probe', displayName: 'probe' } },
    async ({ req, actor }) => {
      const input = parseInput(
        z.object({
          username: usernameSchema,
          // entity_ref holds 255 characters (enforced by PostgreSQL, not by SQLite).
          entityRef: z.string().max(255).regex(/^user:[a-z0-9-]+\/[A-Za-z0-9._-]+$/),
          displayName: z.string().min(1).max(100),
          password: z.string().max(256).optional(),
        }),
        req.body,
      );
      const password = input.password ?? generatePassword();
      const violation = passwordPolicyViolation(password);
      if (violation) throw new ApiError('VALIDATION_FAILED', violation);
      const account = await knex.transaction(async trx => {
        if (await store.get(input.username, trx)) throw new ApiError('CONFLICT', `Account ${input.username} exists`);
        if (await trx('local_accounts').where({ entity_ref: input.entityRef }).first())
          throw new ApiError('CONFLICT', `${input.entityRef} already has an account`);
        const created = await store.create({ ...input, password, mustChangePassword: true }, trx);
        await audit.append(trx, { actor, action: 'account.create', targetType: 'account', targetId: input.username, outcome: 'success', details: { entityRef: input.entityRef } });
        return created;
      });
      return { status: 201, body: { account, initialPassword: input.password ? undefined : password } };
    },
  );

  async function mutate(username: string, actor: string, action: string, fn: (trx: Knex.Transaction) => Promise<void>) {
    await knex.transaction(async trx => {
      if (!(await store.get(username, trx))) throw new ApiError('NOT_FOUND', `No account ${username}`);
      await fn(trx);
      await audit.append(trx, { actor, action, targetType: 'account', targetId: username, outcome: 'success', details: {} });
    });
  }

  api.route({ method: 'post', path: '/accounts/:username/reset-password', access: manage }, async ({ req, actor }) => {
    const password = generatePassword();
    await mutate(req.params.username, actor, 'account.reset-password', trx => store.setPassword(req.params.username, password, true, trx));
    return { temporaryPassword: password };
  });

  api.route({ method: 'post', path: '/accounts/:username/unlock', access: manage }, async ({ req, actor }) => {
    await mutate(req.params.username, actor, 'account.unlock', trx => store.unlock(req.params.username, trx));
    return { ok: true };
  });

  api.route(
    { method: 'post', path: '/accounts/:username/disabled', access: manage, sampleBody: { disabled: false } },
    async ({ req, actor }) => {
      const { disabled } = parseInput(z.object({ disabled: z.boolean() }), req.body);
      await mutate(req.params.username, actor, disabled ? 'account.disable' : 'account.enable', trx =>
        store.setDisabled(req.params.username, disabled, trx),
      );
      return { ok: true };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/me/password',
      access: { permissions: [accountsSelfPermission] },
      sampleBody: { currentPassword: 'x', newPassword: 'y' },
    },
    async ({ req, userRef, actor }) => {
      const input = parseInput(z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().max(256) }), req.body);
      const violation = passwordPolicyViolation(input.newPassword);
      if (violation) throw new ApiError('VALIDATION_FAILED', violation);
      if (input.newPassword === input.currentPassword) throw new ApiError('VALIDATION_FAILED', 'the new password must differ / 新密码不能与原密码相同');
      const account = userRef ? await knex('local_accounts').where({ entity_ref: userRef }).first() : undefined;
      if (!account) throw new ApiError('NOT_FOUND', 'No local account for this user');
      const outcome = await knex.transaction(async trx => {
        const check = await store.checkPassword(account.username, input.currentPassword, trx);
        if (check.result !== 'ok') {
          await audit.append(trx, { actor, action: 'account.change-password', targetType: 'account', targetId: account.username, outcome: 'denied', details: { reason: check.result } });
          return check.result;
        }
        await store.setPassword(account.username, input.newPassword, false, trx);
        await audit.append(trx, { actor, action: 'account.change-password', targetType: 'account', targetId: account.username, outcome: 'success', details: {} });
        return 'ok';
      });
      if (outcome === 'locked') throw new ApiError('ACCOUNT_LOCKED', 'Account locked after repeated failures');
      if (outcome !== 'ok') throw new ApiError('INVALID_CREDENTIALS', 'Current password is wrong');
      // Every session of the account ended with the change; the caller signs in again as `username`.
      return { ok: true, username: account.username };
    },
  );
}
