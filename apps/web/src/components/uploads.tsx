import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { Button, type ButtonProps } from 'antd';

// Apart from Evidence.tsx (antd's Upload and Progress, the upload client): main.tsx puts UploadsProvider around the
// whole app, so whatever this module imports is built into the first screen's script.

/** How many files are still on their way to the server, and a way to count one more until it arrives. */
interface UploadsInFlight {
  readonly count: number;
  track<T>(upload: Promise<T>): Promise<T>;
}
export const UploadsContext = createContext<UploadsInFlight>({ count: 0, track: (upload) => upload });

/**
 * Counts the uploads in flight inside it, so that the send buttons inside it wait for them: a form sent while its
 * file is still uploading would be refused for a missing document, and the person would have to press again. The
 * app has one around everything; a part of a screen whose sending never depends on another part's files (a
 * dossier's numbered step) has its own, so a file on its way elsewhere does not hold its buttons.
 */
export const UploadsProvider = ({ children }: { children: ReactNode }) => {
  const [count, setCount] = useState(0);
  const track = useCallback(<T,>(upload: Promise<T>) => {
    setCount((n) => n + 1);
    return upload.finally(() => setCount((n) => n - 1));
  }, []);
  const value = useMemo(() => ({ count, track }), [count, track]);
  return <UploadsContext.Provider value={value}>{children}</UploadsContext.Provider>;
};

/**
 * A button that sends what is on the screen: busy while its command runs; while a file is still uploading it cannot
 * be pressed and says why.
 */
export const SendButton = ({ disabled, children, ...button }: ButtonProps) => {
  const uploading = useContext(UploadsContext).count > 0;
  return (
    <Button {...button} disabled={uploading || disabled}>
      {uploading ? 'Đang tải tệp lên…' : children}
    </Button>
  );
};
