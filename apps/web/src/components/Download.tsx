import { useState, type ReactNode } from 'react';
import { App, Button } from 'antd';
import { accessToken } from '../api/client';
import { saveAs } from '../api/upload';

/** Fetches a file from the API and saves it under the server's name (the routes need the bearer token). */
const useDownload = (url: string, fileName: string) => {
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
  return { busy, download: () => void download() };
};

/** A file from the API, as a link in running text. */
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
  const { busy, download } = useDownload(url, fileName);
  return (
    <Button
      type="link"
      loading={busy}
      style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
      onClick={download}
    >
      {children}
    </Button>
  );
};

/**
 * "Tải Excel" of a list screen: the list's own route as XLSX with the list's filters (the same rows, under the
 * title block the server writes, which names the filters).
 */
export const ExcelButton = ({
  url,
  fileName,
}: {
  /** The list route with `.xlsx` and the list's query, e.g. /api/v1/board.xlsx?status=returned. */
  url: string;
  fileName: string;
}) => {
  const { busy, download } = useDownload(url, fileName);
  return (
    <Button loading={busy} onClick={download}>
      Tải Excel
    </Button>
  );
};
