// The demo provider's pages: plain HTML in Vietnamese, no script, styles from one stylesheet (no inline style, so
// a strict Content-Security-Policy can apply to them too).

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const PAGE_CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;background:#f0f2f5;color:#1f1f1f;font-size:16px}
header{background:#8b1a1a;color:#fff;padding:16px 24px}
header p{margin:0;font-size:14px}
header h1{margin:4px 0 0;font-size:20px}
main{max-width:420px;margin:40px auto;background:#fff;padding:32px;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.15)}
h2{margin-top:0;font-size:22px}
label{display:block;font-weight:600;margin:16px 0 6px}
input{width:100%;padding:10px 12px;font-size:16px;border:1px solid #8c8c8c;border-radius:6px}
input:focus,button:focus,a:focus{outline:3px solid #1677ff;outline-offset:2px}
button{margin-top:24px;width:100%;padding:12px;font-size:16px;font-weight:600;color:#fff;background:#1458c7;border:0;border-radius:6px;cursor:pointer}
button.secondary{background:#fff;color:#1458c7;border:1px solid #1458c7;margin-top:12px}
.error{background:#fff1f0;border:1px solid #cf1322;color:#a8071a;padding:10px 12px;border-radius:6px}
.hint{color:#595959;font-size:14px;margin-top:24px}
a{color:#1458c7}
`;

const layout = (title: string, body: string): string => `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - Hồ sơ nông thôn mới</title>
<link rel="stylesheet" href="/oidc/interaction/login.css">
</head>
<body>
<header><p>Ủy ban nhân dân tỉnh Bắc Kạn</p><h1>Hệ thống hồ sơ xét, công nhận nông thôn mới</h1></header>
<main>
${body}
</main>
</body>
</html>`;

export const loginPage = (uid: string, state: { username?: string; error?: string }): string =>
  layout(
    'Đăng nhập',
    `<h2>Đăng nhập</h2>
${state.error ? `<p class="error" role="alert" id="login-error">${escapeHtml(state.error)}</p>` : ''}
<form method="post" action="/oidc/interaction/${escapeHtml(uid)}/login" autocomplete="on">
<label for="username">Tên đăng nhập</label>
<input id="username" name="username" type="text" autocomplete="username" required autofocus
 value="${escapeHtml(state.username ?? '')}"${state.error ? ' aria-describedby="login-error" aria-invalid="true"' : ''}>
<label for="password">Mật khẩu</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Đăng nhập</button>
</form>
<p class="hint">Môi trường thử nghiệm: tài khoản mẫu được liệt kê trong tài liệu hướng dẫn (README).</p>`,
  );

/** `form` is the provider's hidden form (id op.logoutForm); the buttons submit it. */
export const logoutPage = (form: string): string =>
  layout(
    'Đăng xuất',
    `<h2>Đăng xuất</h2>
<p>Anh/chị có muốn đăng xuất khỏi hệ thống không?</p>
${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Đăng xuất</button>
<button class="secondary" type="submit" form="op.logoutForm">Không, tiếp tục làm việc</button>`,
  );

export const messagePage = (title: string, text: string, home: string): string =>
  layout(
    title,
    `<h2>${escapeHtml(title)}</h2><p>${text}</p><p><a href="${escapeHtml(home)}">Về trang chủ</a></p>`,
  );
