import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/configuration';
import type { DataSourceOptions } from 'typeorm';
import { openDataSource, resolveDataSourceOptions, type EntityList } from './data-source';
import { Db } from './db.service';

/** The database connection and the transaction helper. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig['database'], entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => resolveDataSourceOptions(config, entities),
          dataSourceFactory: async (options?: DataSourceOptions) =>
            openDataSource(config, options ?? (await resolveDataSourceOptions(config, entities))),
        }),
      ],
      providers: [Db],
      exports: [Db],
    };
  }
}
