import { applyDecorators, type INestApplication, type StreamableFile } from '@nestjs/common';
import {
  ApiExtension,
  ApiHeader,
  ApiProduces,
  ApiResponse,
  DocumentBuilder,
  SwaggerModule,
  type OpenAPIObject,
} from '@nestjs/swagger';
import type {
  OperationObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { AnswerName, ApiAnswers } from './api-answers';
import generated from './api-answers.schema.json';

const PUBLIC_EXTENSION = 'x-ntm-public';

/** Marks a route's operation as needing no token in the document (the guard reads `Public()` itself). */
export const ApiPublic = () => applyDecorators(ApiExtension(PUBLIC_EXTENSION, true));

/**
 * The headers a command route reads: Idempotency-Key, X-Correlation-Id and, where the sender states the version it
 * saw (`ifMatch` names what), If-Match.
 */
export const ApiCommandHeaders = (ifMatch?: string) =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Gửi lại cùng khóa: nhận lại câu trả lời đầu, lệnh chỉ thực hiện một lần (1 đến 200 ký tự)',
      schema: { type: 'string', minLength: 1, maxLength: 200 },
    }),
    ApiHeader({
      name: 'X-Correlation-Id',
      required: false,
      description: 'Mã tương quan ghi vào các sự kiện do lệnh gây ra (1 đến 100 ký tự: chữ, chữ số, _ . : -)',
      schema: { type: 'string', pattern: '^[0-9A-Za-z_.:-]{1,100}$' },
    }),
    ...(ifMatch
      ? [
          ApiHeader({
            name: 'If-Match',
            required: false,
            description: `${ifMatch} đã xem; khác phiên bản hiện tại thì trả 409`,
            schema: { type: 'string', pattern: '^(W/)?"?\\d{1,9}"?$' },
          }),
        ]
      : []),
  );

type Returning<T> = (...args: never[]) => T | Promise<T>;
/** A method decorator that accepts only handlers of type `F` (generic in the handler: descriptors are invariant). */
type RouteDecorator<F> = <M extends F>(
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<M>,
) => void;

const answerRef = (name: AnswerName): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
const FILE: SchemaObject = { type: 'string', format: 'binary' };

/**
 * The route answers `name` (api-answers.ts). It compiles only on a handler that returns that type, so the
 * document says what the code sends.
 */
export const Answers =
  <K extends AnswerName>(name: K, status = 200): RouteDecorator<Returning<ApiAnswers[K]>> =>
  (target, key, descriptor) =>
    ApiResponse({ status, description: 'Thành công', schema: answerRef(name) })(target, key, descriptor);

/** JSON (`name`) or, when asked for by `?format=` or the path's extension, a file of one of `mediaTypes`. */
export const AnswersOrFile =
  <K extends AnswerName>(
    name: K,
    mediaTypes: readonly string[],
  ): RouteDecorator<Returning<ApiAnswers[K] | StreamableFile>> =>
  (target, key, descriptor) =>
    ApiResponse({
      status: 200,
      description: 'Thành công: JSON, hoặc tệp theo định dạng yêu cầu',
      content: {
        'application/json': { schema: answerRef(name) },
        ...Object.fromEntries(mediaTypes.map((t) => [t, { schema: FILE }])),
      },
    })(target, key, descriptor);

/** A file download (PDF, spreadsheet, evidence): the body is the file. */
export const AnswersFile = (mediaTypes: readonly string[], description = 'Tệp tải về') =>
  applyDecorators(
    ApiProduces(...mediaTypes),
    ApiResponse({
      status: 200,
      description,
      content: Object.fromEntries(mediaTypes.map((t) => [t, { schema: FILE }])),
    }),
  );

/**
 * The answers' schemas, generated from their types, join the document's components. A generated name equal to a
 * request DTO's would silently replace one of the two: refuse it.
 */
const withAnswerSchemas = (doc: OpenAPIObject): void => {
  const schemas = { ...doc.components?.schemas };
  const add = (name: string, schema: SchemaObject | ReferenceObject) => {
    if (schemas[name] && JSON.stringify(schemas[name]) !== JSON.stringify(schema))
      throw new Error(`OpenAPI: the answer schema ${name} has the name of another schema`);
    schemas[name] = schema;
  };
  for (const [name, schema] of Object.entries(generated.schemas)) add(name, schema as SchemaObject);
  for (const [name, schema] of Object.entries(generated.answers) as [
    string,
    SchemaObject & ReferenceObject,
  ][]) {
    // `DossierView: DossierView` is already a component of that name.
    if (schema.$ref === `#/components/schemas/${name}`) continue;
    add(name, schema);
  }
  doc.components = { ...doc.components, schemas };
};

/** The one error body every failure answers with (see http/error.filter.ts). */
const ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: {
      type: 'string',
      maxLength: 64,
      description: 'Mã lỗi ổn định, ví dụ VALIDATION_FAILED, DOSSIER_NOT_FOUND',
    },
    message: { type: 'string', description: 'Thông báo tiếng Việt nêu trường hoặc quy định liên quan' },
    violations: {
      type: 'array',
      maxItems: 20,
      description: 'Các lỗi theo từng trường (tối đa 20)',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
    totalViolations: {
      type: 'integer',
      minimum: 0,
      description: 'Tổng số lỗi khi nhiều hơn số được liệt kê',
    },
    currentVersion: {
      type: 'integer',
      nullable: true,
      description: 'Khi 409 VERSION_CONFLICT: phiên bản hiện tại của hồ sơ',
    },
  },
};

const ERRORS: Record<string, string> = {
  '400': 'Dữ liệu không hợp lệ (mã lỗi và trường sai trong violations)',
  '401': 'Chưa đăng nhập hoặc mã truy cập không hợp lệ',
  '403': 'Vai trò hoặc địa bàn không được phép',
  '404': 'Không tìm thấy (hoặc không thuộc địa bàn được xem)',
  '409': 'Xung đột phiên bản hoặc trùng lặp; tải lại rồi thử lại',
  '413': 'Dữ liệu gửi lên quá lớn',
  '422': 'Không đúng quy định của quy trình (mã lỗi nêu quy định)',
  '429': 'Gửi quá nhiều yêu cầu; thử lại sau',
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const COMMAND_HEADERS = new Set(['Idempotency-Key', 'X-Correlation-Id', 'If-Match']);

/**
 * Every operation states who may call it and how it fails, from the route's shape: the guard is global and fails
 * closed, so a route not marked public needs a bearer token; every failure has the same body.
 */
const withContract = (doc: OpenAPIObject): OpenAPIObject => {
  doc.info.license = { name: 'UNLICENSED' };
  withAnswerSchemas(doc);
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, ApiError: ERROR_SCHEMA } };
  const errorResponse = (description: string): ResponseObject => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
  });
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as (OperationObject & Record<string, unknown>) | undefined;
      if (!op) continue;
      const isPublic = op[PUBLIC_EXTENSION] === true;
      delete op[PUBLIC_EXTENSION];
      op.security = isPublic ? [] : (op.security ?? [{ bearer: [] }]);
      // The command headers are declared on a controller; its reads take none of them.
      if (method === 'get')
        op.parameters = op.parameters?.filter(
          (p) => !('in' in p && p.in === 'header' && COMMAND_HEADERS.has(p.name)),
        );
      const codes = new Set<string>();
      const params = op.parameters ?? [];
      if (params.length > 0 || op.requestBody) codes.add('400');
      if (!isPublic) codes.add('401').add('403');
      if (path.includes('{')) codes.add('404');
      if (method !== 'get') {
        codes.add('400').add('413');
        if (!isPublic) codes.add('409').add('422');
      }
      if (isPublic && method !== 'get') codes.add('429');
      for (const code of [...codes].sort()) op.responses[code] ??= errorResponse(ERRORS[code]);
    }
  }
  return doc;
};

/** The OpenAPI document of the app's routes (also what `npm run api:types` generates the web's client from). */
export const openApiDocument = (app: INestApplication): OpenAPIObject =>
  withContract(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('NTM Dossiers API')
        .setDescription(
          'Hồ sơ xét, công nhận xã đạt chuẩn nông thôn mới, nông thôn mới nâng cao, nông thôn mới kiểu mẫu ' +
            '(Quyết định 18/2022/QĐ-TTg; giai đoạn 2026-2030: Quyết định 51/2025/QĐ-TTg). Mọi lệnh nhận ' +
            'Idempotency-Key và If-Match (phiên bản hồ sơ). Mọi lỗi trả về cùng một dạng (ApiError).',
        )
        .setVersion('1')
        .addServer('/', 'Máy chủ đang phục vụ tài liệu này')
        .addBearerAuth()
        .build(),
    ),
  );

export const mountOpenApi = (app: INestApplication): void => {
  SwaggerModule.setup('api/docs', app, openApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
};
