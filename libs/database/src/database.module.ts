import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { createDataSource, migrateAsOwner } from './data-source.js';
import { checkRole, roleProblem } from './roles.js';

const ROLES_DOC = 'DATABASE_URL, DATABASE_OWNER_URL: libs/database/README.md';

/**
 * One DataSource per process, as the service role, migrated at start-up (as the owner role) when
 * the config says so. A superuser, or the log's owner, is warned about; in production refused.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}

  /** `warn` hears that the service connects with more rights than it needs (production refuses to start). */
  static forRoot(applicationName: string, warn: (message: string) => void = () => undefined): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          inject: [AppConfig],
          useFactory: async (config: AppConfig) => {
            if (config.database.migrationsRun) await migrateAsOwner(config.database, applicationName);
            const dataSource = createDataSource({ ...config.database, applicationName });
            await dataSource.initialize();
            const problem = roleProblem(await checkRole(dataSource));
            if (problem && config.env === 'production') {
              await dataSource.destroy();
              throw new Error(`Refusing to start: ${problem}. Connect as the service role (${ROLES_DOC}).`);
            }
            if (problem) warn(`${problem}; in production the service refuses to start (${ROLES_DOC})`);
            return dataSource;
          },
        },
      ],
      exports: [DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
