import { useState, type ReactNode } from 'react';
import { App, Button } from 'antd';
import { accessToken } from '../api/client';
import { saveAs } from '../api/upload';

/** A file from the API saved under the server's name (the routes need the bearer token, so no plain link). */
export const DownloadLink = ({
  url,
  fileName,
  children,
}: {
  url: string;
  /** Used when the server names none. */
  fileName: string;
  children: ReactNode;
}) => {
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const download = async () => {
    setBusy(true);
    try {
      const token = accessToken();
      const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
      if (!res.ok) {
        const e = (await res.json().catch(() => ({}))) as { message?: string };
        void message.error(e.message ?? `Không tải được tệp (mã ${res.status}).`);
        return;
      }
      saveAs(await res.blob(), res.headers.get('content-disposition'), fileName);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button type="link" loading={busy} style={{ padding: 0, height: 'auto' }} onClick={() => void download()}>
      {children}
    </Button>
  );
};
