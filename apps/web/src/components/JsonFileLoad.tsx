import { useId, useState, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Space } from 'antd';
import { ApiError } from '../api/client';
import { fileButtonStyle } from './file-button';

/** What the server said about a refused file: its message, or each problem it named (line and field). */
const Refusal = ({ error }: { error: unknown }) => {
  if (!(error instanceof ApiError))
    return <Alert type="error" showIcon role="alert" title="Đã có lỗi, vui lòng thử lại." />;
  if (error.violations.length === 0)
    return <Alert type="error" showIcon role="alert" title={error.message} />;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      // Not counted here: a long list is cut by the server, which says how many more it found.
      title="Tệp có lỗi, chưa nạp gì. Sửa các lỗi dưới đây rồi nạp lại:"
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {error.violations.map((v, i) => (
            <li key={i}>{v.message}</li>
          ))}
        </ul>
      }
    />
  );
};

/**
 * Loads a JSON file the administrator picks (a criteria set, a province's procedure, a year's days off, a province's
 * unit list): the file's text goes to the server as it is, so the problems it names point at the file's own lines;
 * nothing is written when there is one. Shows the server's answer, or its problems as a list.
 */
export default function JsonFileLoad<T>({
  title,
  hint,
  send,
  describe,
  onLoaded,
}: {
  title: string;
  /** What the file holds, in the administrator's words. */
  hint: ReactNode;
  send: (text: string) => Promise<T>;
  /** The server's answer as a sentence. */
  describe: (answer: T) => ReactNode;
  onLoaded?: (answer: T) => void;
}) {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [focused, setFocused] = useState(false);
  const load = useMutation({
    mutationFn: async (f: File) => send(await f.text()),
    onSuccess: (answer) => onLoaded?.(answer),
  });
  return (
    <Card title={<h2 className="card-title">{title}</h2>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <div style={{ color: '#595959' }}>{hint}</div>
        {/* The browser's own picker names its button in the browser's language: a Vietnamese label stands for
            it, and shows the focus of the input it hides. */}
        <div>
          <input
            id={inputId}
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            onFocus={() => setFocused(true)}
            onBlur={() => setFocused(false)}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              load.reset();
            }}
          />
          <label
            htmlFor={inputId}
            style={{
              ...fileButtonStyle,
              outline: focused ? '3px solid #1677ff' : undefined,
              outlineOffset: 2,
            }}
          >
            Chọn tệp JSON cần nạp
          </label>
          <span style={{ marginLeft: 12 }}>{file ? `Tệp đã chọn: ${file.name}` : 'Chưa chọn tệp'}</span>
        </div>
        <Button
          type="primary"
          disabled={!file}
          loading={load.isPending}
          onClick={() => file && load.mutate(file)}
        >
          Nạp tệp
        </Button>
        {load.isError && <Refusal error={load.error} />}
        {load.isSuccess && <Alert type="success" showIcon role="status" title={describe(load.data)} />}
      </Space>
    </Card>
  );
}
