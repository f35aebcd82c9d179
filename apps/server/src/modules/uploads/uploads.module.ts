import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/configuration';
import { PiiModule } from '../pii/pii.module';
import { FILE_STORE, LocalDiskFileStore, type FileStore } from './file-store';
import { S3FileStore } from './s3-file-store';
import { FilesController, UploadsController } from './uploads.controller';
import { UploadsService } from './uploads.service';

/** Case evidence files: upload, attach to a case, serve through expiring links. */
@Module({
  imports: [PiiModule],
  controllers: [UploadsController, FilesController],
  providers: [
    UploadsService,
    // An object store when one is configured (every process sees the same files), local disk otherwise.
    {
      provide: FILE_STORE,
      useFactory: (config: AppConfig) =>
        config.uploads.s3 ? new S3FileStore(config.uploads.s3) : new LocalDiskFileStore(config.uploads.dir),
      inject: [APP_CONFIG],
    },
  ],
  exports: [UploadsService],
})
export class UploadsModule implements OnApplicationShutdown {
  constructor(@Inject(FILE_STORE) private readonly store: FileStore) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.store instanceof S3FileStore) await this.store.close();
  }
}
