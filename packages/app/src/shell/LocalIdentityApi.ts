import type { IdentityApi, ProfileInfo, BackstageUserIdentity } from '@backstage/core-plugin-api';

/** The response of `POST /api/auth/local/refresh`. */
export interface LocalSignInResponse {
  profile: ProfileInfo;
  providerInfo?: { username?: string; mustChangePassword?: boolean };
  backstageIdentity: {
    token: string;
    expiresInSeconds?: number;
    identity: BackstageUserIdentity;
  };
}

/** Error raised by {@link signInLocal} with the server's code. */
export class SignInError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/**
 * Signs in with a user name and password (sets the HttpOnly session cookie), or — without
 * credentials — renews the session from the cookie.
 */
export async function signInLocal(
  backendUrl: string,
  credentials?: { username: string; password: string },
): Promise<LocalSignInResponse> {
  const res = await fetch(`${backendUrl}/api/auth/local/refresh`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    body: JSON.stringify(credentials ?? {}),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new SignInError(data?.error?.code ?? 'INTERNAL', data?.error?.message ?? res.statusText);
  return data as LocalSignInResponse;
}

/**
 * The IdentityApi of a local-account session: hands out the Backstage token and renews it from
 * the session cookie a few minutes before it expires.
 */
export class LocalIdentityApi implements IdentityApi {
  private expiresAt: number;

  constructor(
    private readonly backendUrl: string,
    private response: LocalSignInResponse,
  ) {
    this.expiresAt = this.computeExpiry();
  }

  private computeExpiry() {
    return Date.now() + (this.response.backstageIdentity.expiresInSeconds ?? 3600) * 1000;
  }

  async getProfileInfo(): Promise<ProfileInfo> {
    return this.response.profile;
  }

  async getBackstageIdentity(): Promise<BackstageUserIdentity> {
    return this.response.backstageIdentity.identity;
  }

  async getCredentials(): Promise<{ token?: string }> {
    if (Date.now() > this.expiresAt - 5 * 60_000) {
      this.response = await signInLocal(this.backendUrl);
      this.expiresAt = this.computeExpiry();
    }
    return { token: this.response.backstageIdentity.token };
  }

  async signOut(): Promise<void> {
    await fetch(`${this.backendUrl}/api/auth/local/logout`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    }).catch(() => undefined);
    window.location.href = '/';
  }
}
