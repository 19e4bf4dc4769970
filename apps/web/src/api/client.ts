import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

let currentToken: () => string | undefined = () => undefined;
/** The sign-in module tells the client where the access token is. */
export const setAccessTokenSource = (get: () => string | undefined): void => {
  currentToken = get;
};

/** The signed-in user's access token (uploads and downloads send it themselves). */
export const accessToken = (): string | undefined => currentToken();

const bearer: Middleware = {
  onRequest({ request }) {
    const token = currentToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
};

/** The typed client: paths, parameters and bodies come from the server's OpenAPI document (schema.d.ts). */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(bearer);

/** An API refusal: the server's stable code and its Vietnamese message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly violations: { message: string; field?: string; criterion?: number }[] = [],
  ) {
    super(message);
  }
}

/** What openapi-fetch answers: the body typed by the OpenAPI document (schema.d.ts), or the server's error. */
interface Answer<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** The answer's body, typed as the OpenAPI document says, or an ApiError carrying the server's message. */
export const unwrap = async <D>(call: Promise<Answer<D>>): Promise<D> => {
  let answer: Answer<D>;
  try {
    answer = await call;
  } catch {
    throw new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.');
  }
  if (!answer.response.ok) {
    const e = (answer.error ?? {}) as {
      code?: string;
      message?: string | string[];
      violations?: ApiError['violations'];
    };
    const message = Array.isArray(e.message) ? e.message.join('; ') : e.message;
    throw new ApiError(
      answer.response.status,
      e.code ?? `HTTP_${answer.response.status}`,
      message ?? `Máy chủ từ chối yêu cầu (mã ${answer.response.status}).`,
      e.violations ?? [],
    );
  }
  return answer.data as D;
};

/** A fresh idempotency key per user action: a retry of the same action acts once. */
export const newActionKey = (): string => crypto.randomUUID();
