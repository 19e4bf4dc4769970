import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** The OpenAPI document of the app's routes (also what `npm run api:types` generates the web's client from). */
export const openApiDocument = (app: INestApplication): OpenAPIObject =>
  SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('NTM Dossiers API')
      .setDescription(
        'Hồ sơ xét, công nhận xã đạt chuẩn nông thôn mới, nông thôn mới nâng cao, nông thôn mới kiểu mẫu ' +
          '(Quyết định 18/2022/QĐ-TTg). Mọi lệnh nhận Idempotency-Key và If-Match (phiên bản hồ sơ).',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );

export const mountOpenApi = (app: INestApplication): void => {
  SwaggerModule.setup('api/docs', app, openApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
};
