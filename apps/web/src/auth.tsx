import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { api, setAccessTokenSource, unwrap } from './api/client';
import type { Role, SignInConfig } from './api/types';

export interface SignedInUser {
  id: string;
  name: string;
  role: Role;
  provinceCode?: string;
  districtCode?: string;
  communeCode?: string;
}

interface AuthState {
  ready: boolean;
  user: SignedInUser | null;
  error: string | null;
  signIn: (returnTo?: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** Completes the redirect back from the provider; answers where the user was going. */
  completeSignIn: () => Promise<string>;
}

const AuthContext = createContext<AuthState | null>(null);

const origin = window.location.origin;

const toUser = (u: User, cfg: SignInConfig): SignedInUser => {
  const c = cfg.claims!;
  const p = u.profile as Record<string, unknown>;
  const text = (k: string) => (typeof p[k] === 'string' ? p[k] : undefined);
  return {
    id: u.profile.sub,
    name: text(c.name) ?? u.profile.sub,
    role: text(c.role) as Role,
    provinceCode: text(c.provinceCode),
    districtCode: text(c.districtCode),
    communeCode: text(c.communeCode),
  };
};

/**
 * The sign-in configuration, asked for while the app's code loads (index.html preloads it too), not after the
 * first render: the sign-in button works as soon as it shows.
 */
const signInConfig = unwrap(api.GET('/api/v1/auth/config'));
// Handled where it is awaited; without this a failure before the first render would be reported twice.
signInConfig.catch(() => undefined);

/** Sign-in with OpenID Connect: Authorization Code with PKCE (oidc-client-ts), tokens kept in sessionStorage. */
export const AuthProvider = ({ children }: { children: ReactNode }) => {
  const [manager, setManager] = useState<UserManager | null>(null);
  const [config, setConfig] = useState<SignInConfig | null>(null);
  const [oidcUser, setOidcUser] = useState<User | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const cfg = await signInConfig;
      if (cancelled) return;
      setConfig(cfg);
      if (!cfg.enabled) {
        setError('Hệ thống chưa cấu hình đăng nhập một lần (OpenID Connect).');
        return;
      }
      const m = new UserManager({
        authority: cfg.issuer!,
        client_id: cfg.clientId!,
        redirect_uri: `${origin}/auth/callback`,
        post_logout_redirect_uri: `${origin}/`,
        response_type: 'code',
        scope: cfg.scope!,
        loadUserInfo: false,
        automaticSilentRenew: false,
        userStore: new WebStorageStateStore({ store: window.sessionStorage }),
      });
      const existing = await m.getUser();
      if (cancelled) return;
      setOidcUser(existing && !existing.expired ? existing : null);
      setManager(m);
      m.events.addUserSignedOut(() => setOidcUser(null));
      m.events.addAccessTokenExpired(() => setOidcUser(null));
    })().catch(() => !cancelled && setError('Không tải được cấu hình đăng nhập. Vui lòng tải lại trang.'));
    return () => {
      cancelled = true;
    };
  }, []);

  setAccessTokenSource(() => oidcUser?.access_token);

  const value = useMemo<AuthState>(
    () => ({
      ready: manager !== null || error !== null,
      user: oidcUser && config ? toUser(oidcUser, config) : null,
      error,
      signIn: async (returnTo = '/') => {
        await manager?.signinRedirect({ state: { returnTo } });
      },
      signOut: async () => {
        if (!manager) return;
        const idToken = oidcUser?.id_token;
        await manager.removeUser();
        setOidcUser(null);
        await manager.signoutRedirect({ id_token_hint: idToken });
      },
      completeSignIn: async () => {
        if (!manager) throw new Error('not ready');
        const u = await manager.signinRedirectCallback();
        setOidcUser(u);
        const state = u.state as { returnTo?: string } | undefined;
        return state?.returnTo ?? '/';
      },
    }),
    [manager, config, oidcUser, error],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
};

export const useAuth = (): AuthState => {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
};
