import { ConfigModule } from '@nestjs/config';
import { configFromEnv, type AppConfig } from './app-config';

/**
 * The one place that reads the environment: @nestjs/config collects it and hands it to configFromEnv, the schema
 * that validates every variable at once (a ConfigError lists each problem). Nothing is written back into
 * process.env. The apps need the result before they choose their modules, so it is returned, then passed to
 * InfrastructureModule.forRoot (tests build their own AppConfig the same way).
 */
export const loadAppConfig = async (): Promise<AppConfig> => {
  let config: AppConfig | undefined;
  await ConfigModule.forRoot({
    ignoreEnvFile: true,
    validate: (env: NodeJS.ProcessEnv) => {
      config = configFromEnv(env);
      return {};
    },
  });
  if (!config) throw new Error('@nestjs/config did not validate the environment');
  return config;
};
