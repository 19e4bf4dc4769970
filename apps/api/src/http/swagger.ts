import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const mountOpenApi = (app: INestApplication): void => {
  const document = SwaggerModule.createDocument(
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
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
};
