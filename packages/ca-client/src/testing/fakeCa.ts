/* Test-only: an in-process HTTP stand-in for the CA API and the local sign-in, speaking the same
 * routes and shapes as plugins/ca-backend (the real backend's end-to-end test lives there). */
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseCsr } from '@yinxin/gm';
import type { Application, IssuanceResponse, UnlockRequest } from '@yinxin/plugin-ca-common';
import { issueFor, unlockResponseFor, type TestCa } from './testCa';

/** One request the fake CA received. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Behaviour switches of the fake CA. */
export interface FakeCaScript {
  /** Polls of an application before it is issued (approved in between). */
  pollsUntilIssued: number;
  /** Reject applications instead of issuing them. */
  reject?: string;
  /** Polls of an unlock request before the RA officer verifies it. */
  pollsUntilVerified: number;
}

/** A running fake CA. */
export interface FakeCa {
  url: string;
  apiUrl: string;
  seen: SeenRequest[];
  /** K of each token serial the fake CA issued. */
  unlockKeys: Map<string, Uint8Array>;
  script: FakeCaScript;
  close(): Promise<void>;
}

const USER = { username: 'ra-agent', password: 'Agent-Passw0rd!', token: `tok-${randomBytes(8).toString('hex')}` };
export const FAKE_USER = USER;

/** Starts the fake CA on a free local port. */
export async function startFakeCa(ca: TestCa): Promise<FakeCa> {
  const seen: SeenRequest[] = [];
  const unlockKeys = new Map<string, Uint8Array>();
  const script: FakeCaScript = { pollsUntilIssued: 2, pollsUntilVerified: 2 };
  const apps = new Map<string, { app: Application; csrPem: string; polls: number; response?: IssuanceResponse }>();
  const unlocks = new Map<string, { req: UnlockRequest; polls: number }>();
  let counter = 0;

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const fail = (res: http.ServerResponse, status: number, code: string, message: string) => send(res, status, { error: { code, message } });

  const handle = async (req: http.IncomingMessage, body: string, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const p = url.pathname;
    const json = () => (body ? JSON.parse(body) : {});
    if (req.method === 'POST' && p === '/api/auth/local/refresh') {
      const b = json();
      if (b.username !== USER.username || b.password !== USER.password) return fail(res, 401, 'INVALID_CREDENTIALS', 'Wrong user name or password');
      return send(res, 200, {
        profile: { displayName: 'RA Agent' },
        providerInfo: { username: USER.username, mustChangePassword: false },
        backstageIdentity: { token: USER.token, expiresInSeconds: 3600, identity: { type: 'user', userEntityRef: 'user:default/ra-agent', ownershipEntityRefs: [] } },
      });
    }
    if (!p.startsWith('/api/ca/')) return fail(res, 404, 'NOT_FOUND', 'no such route');
    if (req.headers.authorization !== `Bearer ${USER.token}`) return send(res, 401, { error: { name: 'AuthenticationError', message: 'Missing credentials' } });
    const route = p.slice('/api/ca'.length);
    let m: RegExpMatchArray | null;
    if (req.method === 'POST' && route === '/applications') {
      const b = json();
      const csr = (() => {
        try {
          return parseCsr(b.csrPem);
        } catch {
          return undefined;
        }
      })();
      if (!csr?.signatureValid) return fail(res, 400, 'BAD_CSR', 'The CSR cannot be parsed or its signature is broken');
      const id = randomUUID();
      const app: Application = {
        id,
        number: `RA-20261128-${String(++counter).padStart(4, '0')}`,
        kind: 'new',
        profile: b.profile,
        keyAlgorithm: 'SM2',
        subjectId: b.subjectId,
        subjectName: '张三',
        subjectDn: 'C=CN, CN=张三',
        status: 'submitted',
        requiredApprovals: 1,
        approvals: [],
        submittedBy: 'user:default/ra-agent',
        submittedAt: new Date().toISOString(),
        certificateIds: [],
        tokenSerial: b.tokenSerial,
        ticketId: b.ticketId,
      };
      apps.set(id, { app, csrPem: b.csrPem, polls: 0 });
      return send(res, 201, app);
    }
    if (req.method === 'GET' && (m = route.match(/^\/applications\/([^/]+)$/))) {
      const a = apps.get(m[1]);
      if (!a) return fail(res, 404, 'NOT_FOUND', 'Application not found');
      a.polls += 1;
      if (a.app.status === 'submitted' && a.polls >= 1) {
        if (script.reject) Object.assign(a.app, { status: 'rejected', rejectionReason: script.reject });
        else a.app.status = 'approved';
      }
      if (a.app.status === 'approved' && a.polls >= script.pollsUntilIssued) {
        const k = randomBytes(16);
        const issued = await issueFor(ca, a.csrPem, { unlockKey: k });
        unlockKeys.set(a.app.tokenSerial!, k);
        a.response = issued.response;
        Object.assign(a.app, { status: 'issued', issuedAt: new Date().toISOString(), certificateIds: [randomUUID(), randomUUID()] });
      }
      return send(res, 200, a.app);
    }
    if (req.method === 'GET' && (m = route.match(/^\/applications\/([^/]+)\/response$/))) {
      const a = apps.get(m[1]);
      if (!a) return fail(res, 404, 'NOT_FOUND', 'Application not found');
      if (!a.response) return fail(res, 409, 'ILLEGAL_TRANSITION', `The application is ${a.app.status}; there is nothing to download yet`);
      return send(res, 200, a.response);
    }
    if (req.method === 'POST' && route === '/unlock') {
      const b = json();
      if (!/^[0-9a-fA-F]{130}$/.test(b.challenge ?? '')) return fail(res, 400, 'VALIDATION_FAILED', 'bad challenge');
      if (!unlockKeys.has(b.tokenSerial)) return fail(res, 404, 'NOT_FOUND', `USB key ${b.tokenSerial} is not registered with the CA`);
      const r: UnlockRequest = {
        id: randomUUID(),
        tokenSerial: b.tokenSerial,
        challenge: b.challenge.toLowerCase(),
        requestedBy: 'user:default/ra-agent',
        ticketId: b.ticketId,
        status: 'pending',
        createdAt: new Date().toISOString(),
      };
      unlocks.set(r.id, { req: r, polls: 0 });
      return send(res, 201, r);
    }
    if (req.method === 'GET' && route === '/unlock') {
      for (const u of unlocks.values()) {
        u.polls += 1;
        if (u.req.status === 'pending' && u.polls >= script.pollsUntilVerified) {
          Object.assign(u.req, { status: 'verified', verifiedBy: 'user:default/ra-lead', verificationMethod: 'in-person', verificationNote: '核验身份证原件' });
        }
      }
      return send(res, 200, [...unlocks.values()].map(u => u.req));
    }
    if (req.method === 'POST' && (m = route.match(/^\/unlock\/([^/]+)\/response$/))) {
      const u = unlocks.get(m[1]);
      if (!u) return fail(res, 404, 'NOT_FOUND', 'Unlock request not found');
      if (u.req.status === 'pending') return fail(res, 403, 'IDENTITY_NOT_VERIFIED', "The requester's identity has not been verified yet");
      if (u.req.status !== 'verified') return fail(res, 409, 'ILLEGAL_TRANSITION', `The request is ${u.req.status}; a response is released once`);
      const response = unlockResponseFor(u.req.tokenSerial, u.req.challenge, unlockKeys.get(u.req.tokenSerial)!);
      Object.assign(u.req, { status: 'answered', answeredAt: new Date().toISOString() });
      return send(res, 200, { request: u.req, response });
    }
    return fail(res, 404, 'NOT_FOUND', 'no such route');
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handle(req, body, res).catch(e => fail(res, 500, 'INTERNAL', String(e)));
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    apiUrl: `${url}/api/ca`,
    seen,
    unlockKeys,
    script,
    close: () => new Promise<void>(r => server.close(() => r())),
  };
}
