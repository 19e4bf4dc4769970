import { accessToken, ApiError } from './client';

/** The server's error body in a thrown ApiError; `fallback` when it sent none. */
const errorOf = (status: number, body: unknown, fallback: string): ApiError => {
  const e = (body ?? {}) as { code?: string; message?: string; violations?: ApiError['violations'] };
  return new ApiError(status, e.code ?? 'UPLOAD_FAILED', e.message ?? fallback, e.violations ?? []);
};

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
};

/**
 * Sends one file as multipart/form-data (field `file`) with upload progress (XMLHttpRequest: fetch reports none),
 * and answers the XMLHttpRequest once the whole answer is in, or an ApiError for an answer other than 2xx.
 */
const sendFile = (
  url: string,
  file: File,
  onProgress: (percent: number) => void,
  headers: Record<string, string>,
  responseType: 'text' | 'blob',
): Promise<XMLHttpRequest> =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.responseType = responseType;
    const token = accessToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve(xhr);
      const text: Promise<string> =
        responseType === 'blob' ? (xhr.response as Blob).text() : Promise.resolve(xhr.responseText);
      void text.then((t) => reject(errorOf(xhr.status, parsed(t), 'Không tải lên được tệp.')));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'Mất kết nối khi tải tệp lên. Vui lòng thử lại.'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });

/** Sends a file with progress and answers the JSON body (an ApiError with the server's code and message). */
export const postFile = async <T>(
  url: string,
  file: File,
  onProgress: (percent: number) => void,
  headers: Record<string, string> = {},
): Promise<T> => parsed((await sendFile(url, file, onProgress, headers, 'text')).responseText) as T;

/** Sends a file with progress and saves the file the server answers, under the name it gives. */
export const postFileAndSave = async (
  url: string,
  file: File,
  onProgress: (percent: number) => void,
  fallbackName: string,
): Promise<void> => {
  const xhr = await sendFile(url, file, onProgress, {}, 'blob');
  saveAs(xhr.response as Blob, xhr.getResponseHeader('content-disposition'), fallbackName);
};

/** Saves a downloaded file under the name its Content-Disposition gives, else `fallbackName`. */
export const saveAs = (blob: Blob, contentDisposition: string | null, fallbackName: string): void => {
  const cd = contentDisposition ?? '';
  const named = cd.match(/filename\*=UTF-8''([^;]+)/)?.[1] ?? cd.match(/filename="([^"]+)"/)?.[1];
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = named ? decodeURIComponent(named) : fallbackName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
};
