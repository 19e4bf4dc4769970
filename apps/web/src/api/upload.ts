import { accessToken, ApiError } from './client';

/**
 * Sends one file as multipart/form-data (field `file`) with upload progress (XMLHttpRequest: fetch reports none),
 * and answers the JSON body, or an ApiError carrying the server's code, message and violations.
 */
export const postFile = <T>(
  url: string,
  file: File,
  onProgress: (percent: number) => void,
  headers: Record<string, string> = {},
): Promise<T> =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    const token = accessToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let body: unknown = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      const e = body as { code?: string; message?: string; violations?: ApiError['violations'] };
      reject(
        new ApiError(
          xhr.status,
          e.code ?? 'UPLOAD_FAILED',
          e.message ?? 'Không tải lên được tệp.',
          e.violations ?? [],
        ),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'Mất kết nối khi tải tệp lên. Vui lòng thử lại.'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
