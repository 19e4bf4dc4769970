import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { type AppConfig, InfrastructureModule, OidcTokenVerifier } from '@ntm/application';
import { AuthGuard } from './auth/auth.guard';
import { DevTokensController } from './auth/dev-tokens.controller';
import { DevClockController } from './dev/dev-clock.controller';
import { SignInConfigController } from './auth/sign-in-config.controller';
import { ErrorFilter } from './http/error.filter';
import { DossiersModule } from './dossiers/dossiers.module';
import { DocumentsModule } from './documents/documents.module';
import { SurveysModule } from './surveys/surveys.module';
import { ReportsModule } from './reports/reports.module';
import { NotificationsModule } from './notifications/notifications.module';
import { CommendationModule } from './commendation/commendation.module';
import { ConstructionDebtsModule } from './construction-debts/construction-debts.module';
import { HealthController } from './http/health.controller';
import { OperationsModule } from './operations/operations.module';
import { RateLimitModule } from './http/rate-limit';

/** The HTTP API. The worker (projections, timers) is a separate module the single-process entry adds. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        InfrastructureModule.forRoot(config),
        CqrsModule.forRoot(),
        RateLimitModule,
        TerminusModule,
        DossiersModule,
        DocumentsModule,
        SurveysModule,
        ReportsModule,
        NotificationsModule,
        CommendationModule,
        ConstructionDebtsModule,
        OperationsModule,
      ],
      controllers: [
        HealthController,
        SignInConfigController,
        ...(config.devTokens && !config.production ? [DevTokensController] : []),
        // Never in production, whatever the environment says (configFromEnv turns it off there too).
        ...(config.movableClock && !config.production ? [DevClockController] : []),
      ],
      providers: [
        AuthGuard,
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        ...(config.oidc
          ? [
              {
                provide: OidcTokenVerifier,
                useValue: new OidcTokenVerifier(config.oidc, fetch, config.tokenMaxTtlSeconds),
              },
            ]
          : []),
      ],
    };
  }
}
