import { lazy, Suspense, useEffect, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Layout, Spin } from 'antd';
import { useAuth } from './auth';
import { roleTitle } from './labels';

/**
 * A screen behind sign-in, loaded when first opened together with what it stands on (SignedIn), in one wait. The
 * sign-in page, the first screen, loads only React, the router, the sign-in client and a few of Ant Design's parts.
 */
const signedInScreen = (load: () => Promise<{ default: ComponentType }>) =>
  lazy(async () => {
    const [{ default: Screen }, { default: SignedIn }] = await Promise.all([load(), import('./signed-in')]);
    return {
      default: () => (
        <SignedIn>
          <Screen />
        </SignedIn>
      ),
    };
  });

const NotificationBell = signedInScreen(() =>
  import('./notifications').then((m) => ({ default: m.NotificationBell })),
);
const UserArea = signedInScreen(() => import('./area'));
const MyDossiers = signedInScreen(() => import('./pages/MyDossiers'));
const DossierPage = signedInScreen(() => import('./pages/DossierPage'));
const Waiting = signedInScreen(() => import('./pages/Waiting'));
const Inbox = signedInScreen(() => import('./pages/Inbox'));
const Surveys = signedInScreen(() => import('./pages/Surveys'));
const SurveyPage = signedInScreen(() => import('./pages/SurveyPage'));
const Dashboards = signedInScreen(() => import('./pages/Dashboards'));
const CommuneLedger = signedInScreen(() => import('./pages/construction-debt/Ledger'));

/** Who follows the province's figures: the province office, the chairman, and a district for its own area. */
const READS_REPORTS: readonly string[] = ['province_officer', 'chairman', 'district_officer'];

const Emulation = signedInScreen(() => import('./pages/emulation/routes'));
const EmulationNav = lazy(() => import('./pages/emulation/nav'));
const ProvinceSettings = signedInScreen(() => import('./pages/province/routes'));
/** The province's plan and its communes' groups: set by the province office, read by the chairman. */
const SEES_PROVINCE_SETTINGS: readonly string[] = ['province_officer', 'chairman'];

const Territory = signedInScreen(() => import('./pages/territory/routes'));
/** Who keeps the register of units and the merged communes' records: the province office, the administrator. */
const KEEPS_UNITS: readonly string[] = ['province_officer', 'admin'];

const Admin = signedInScreen(() => import('./pages/admin/routes'));

/** The council's roles, and those who decide awards or propose them: they use the emulation screens. */
const isCouncil = (role: string) => role.startsWith('emulation_');
const usesEmulation = (role: string) => isCouncil(role) || role === 'chairman' || role === 'province_officer';

const { Header, Content, Footer } = Layout;

/** Where each role starts after signing in. */
const homeOf = (role: string): string =>
  role === 'commune_officer'
    ? '/ho-so'
    : role === 'front_officer'
      ? '/khao-sat'
      : isCouncil(role)
        ? '/thi-dua'
        : role === 'admin'
          ? '/quan-tri'
          : '/viec-cho-toi';

const Loading = () => (
  <div role="status" aria-live="polite" style={{ padding: 48, textAlign: 'center' }}>
    <Spin />
    <div>Đang tải…</div>
  </div>
);

/**
 * A message in place of a screen (sign-in needed, page not found) and what to do next. Not Ant Design's Result:
 * its illustrations would weigh on the first screen's script.
 */
const Notice = ({ title, text, action }: { title: string; text?: string; action: ReactNode }) => (
  <section className="panel" style={{ textAlign: 'center' }}>
    <h2>{title}</h2>
    {text && <p>{text}</p>}
    {action}
  </section>
);

const Landing = () => {
  const { user, signIn, ready, error } = useAuth();
  if (user) return <Navigate to={homeOf(user.role)} replace />;
  return (
    <section className="panel">
      <h2>Hồ sơ xét, công nhận nông thôn mới</h2>
      <p>
        Nơi cán bộ xã lập và nộp hồ sơ đề nghị xét công nhận xã đạt chuẩn nông thôn mới, nông thôn mới nâng
        cao, nông thôn mới kiểu mẫu; cán bộ huyện, tỉnh, Hội đồng thẩm định và Chủ tịch UBND tỉnh xem xét,
        quyết định.
      </p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Button type="primary" size="large" onClick={() => void signIn('/')} disabled={!ready || !!error} block>
        Đăng nhập
      </Button>
      <p className="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        Đăng nhập bằng tài khoản do tỉnh cấp (đăng nhập một lần).
      </p>
    </section>
  );
};

const Callback = () => {
  const { completeSignIn, ready } = useAuth();
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  const started = useRef(false);
  useEffect(() => {
    if (!ready || started.current) return;
    started.current = true;
    completeSignIn()
      .then((to) => navigate(to, { replace: true }))
      .catch((e: unknown) => {
        console.error('sign-in callback failed', e);
        setFailed(true);
      });
  }, [ready, completeSignIn, navigate]);
  if (failed)
    return (
      <Notice
        title="Không hoàn tất được đăng nhập"
        text="Phiên đăng nhập đã hết hạn hoặc không hợp lệ."
        action={<Link to="/">Về trang chủ và đăng nhập lại</Link>}
      />
    );
  return <Loading />;
};

const RequireUser = ({ children }: { children: React.ReactNode }) => {
  const { user, ready, signIn } = useAuth();
  const location = useLocation();
  if (!ready) return <Loading />;
  if (!user)
    return (
      <Notice
        title="Cần đăng nhập"
        text="Anh/chị cần đăng nhập để xem trang này."
        action={
          <Button type="primary" onClick={() => void signIn(location.pathname + location.search)}>
            Đăng nhập
          </Button>
        }
      />
    );
  return <>{children}</>;
};

/**
 * Who is signed in: the name over the role, whole on every screen (the entries have a row of their own); the whole
 * of both in the title too, cut short with an ellipsis only beyond 360 px on a desktop (index.css).
 */
const HeaderUser = ({ name, role }: { name: string; role: string }) => (
  <div className="app-header-who" title={`${name} · ${role}`}>
    <span>{name}</span>
    <span className="app-header-role">{role}</span>
  </div>
);

export const App = () => {
  const { user, signOut } = useAuth();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  // A new screen: move focus to its content, as a screen reader user expects.
  useEffect(() => {
    mainRef.current?.focus({ preventScroll: true });
  }, [location.pathname]);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main" className="skip-link">
        Bỏ qua, đến nội dung chính
      </a>
      {/*
        Its layout and padding in index.css (.app-header: the title and the user on a row, the entries under them);
        here what overrides Ant Design's own header (64 px, one line).
      */}
      <Header
        className="app-header"
        style={{ background: '#8b1a1a', height: 'auto', minHeight: 64, lineHeight: 1.4 }}
      >
        <div className="app-header-brand">
          <Link to="/" style={{ color: '#fff', fontWeight: 600 }}>
            Hồ sơ nông thôn mới
          </Link>
          {/* Where the signed-in user works (GET /api/v1/me/area), not a fixed province. */}
          {user && (
            <Suspense fallback={null}>
              <UserArea />
            </Suspense>
          )}
        </div>
        {user && (
          <div className="app-header-user">
            <Suspense fallback={null}>
              <NotificationBell />
            </Suspense>
            <HeaderUser name={user.name} role={roleTitle(user.role)} />
            <Button onClick={() => void signOut()}>Đăng xuất</Button>
          </div>
        )}
        {/* The entries on a row of their own under the title and the user, however many a role has. */}
        {user && (
          <nav aria-label="Chức năng chính" className="app-header-nav">
            {user.role === 'commune_officer' && (
              <Link to="/ho-so" style={{ color: '#fff' }}>
                Hồ sơ của xã
              </Link>
            )}
            {user.role === 'commune_officer' && (
              <Link to="/no-dong-xdcb" style={{ color: '#fff' }}>
                Nợ đọng xây dựng cơ bản
              </Link>
            )}
            {user.role === 'front_officer' && (
              <Link to="/khao-sat" style={{ color: '#fff' }}>
                Lấy ý kiến người dân
              </Link>
            )}
            {usesEmulation(user.role) && (
              <Suspense fallback={null}>
                <EmulationNav />
              </Suspense>
            )}
            {!isCouncil(user.role) && user.role !== 'admin' && (
              <Link to="/viec-cho-toi" style={{ color: '#fff' }}>
                Việc chờ tôi
              </Link>
            )}
            {user.role === 'admin' && (
              <Link to="/quan-tri" style={{ color: '#fff' }}>
                Quản trị hệ thống
              </Link>
            )}
            {KEEPS_UNITS.includes(user.role) && (
              <Link to="/don-vi-hanh-chinh" style={{ color: '#fff' }}>
                Đơn vị hành chính
              </Link>
            )}
            {READS_REPORTS.includes(user.role) && (
              <Link to="/bao-cao" style={{ color: '#fff' }}>
                Báo cáo
              </Link>
            )}
            {SEES_PROVINCE_SETTINGS.includes(user.role) && (
              <Link to="/tinh" style={{ color: '#fff' }}>
                Kế hoạch, nhóm xã
              </Link>
            )}
          </nav>
        )}
      </Header>
      {/* Its padding in index.css (.app-content): narrower on a phone. */}
      <Content
        id="main"
        ref={mainRef}
        tabIndex={-1}
        className="app-content"
        style={{ maxWidth: 1200, width: '100%', margin: '0 auto', outline: 'none' }}
      >
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<Landing />} />
            <Route path="/auth/callback" element={<Callback />} />
            <Route
              path="/ho-so"
              element={
                <RequireUser>
                  <MyDossiers />
                </RequireUser>
              }
            />
            <Route
              path="/ho-so/:id"
              element={
                <RequireUser>
                  <DossierPage />
                </RequireUser>
              }
            />
            <Route
              path="/ho-so/:id/khao-sat"
              element={
                <RequireUser>
                  <SurveyPage />
                </RequireUser>
              }
            />
            <Route
              path="/no-dong-xdcb"
              element={
                <RequireUser>
                  <CommuneLedger />
                </RequireUser>
              }
            />
            <Route
              path="/khao-sat"
              element={
                <RequireUser>
                  <Surveys />
                </RequireUser>
              }
            />
            <Route
              path="/viec-cho-toi"
              element={
                <RequireUser>
                  <Waiting />
                </RequireUser>
              }
            />
            <Route
              path="/bao-cao"
              element={
                <RequireUser>
                  <Dashboards />
                </RequireUser>
              }
            />
            <Route
              path="/thong-bao"
              element={
                <RequireUser>
                  <Inbox />
                </RequireUser>
              }
            />
            <Route
              path="/thi-dua/*"
              element={
                <RequireUser>
                  <Emulation />
                </RequireUser>
              }
            />
            <Route
              path="/tinh/*"
              element={
                <RequireUser>
                  <ProvinceSettings />
                </RequireUser>
              }
            />
            <Route
              path="/don-vi-hanh-chinh/*"
              element={
                <RequireUser>
                  <Territory />
                </RequireUser>
              }
            />
            <Route
              path="/quan-tri/*"
              element={
                <RequireUser>
                  <Admin />
                </RequireUser>
              }
            />
            <Route
              path="*"
              element={<Notice title="Không tìm thấy trang" action={<Link to="/">Về trang chủ</Link>} />}
            />
          </Routes>
        </Suspense>
      </Content>
      <Footer style={{ textAlign: 'center', color: '#595959' }}>
        {/* Neutral: each dossier names its own period, procedure and criteria set on its page. */}
        Hệ thống hồ sơ xét, công nhận xã đạt chuẩn nông thôn mới
      </Footer>
    </Layout>
  );
};
