import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/configuration';
import { PiiModule } from '../pii/pii.module';
import { FILE_STORE, LocalDiskFileStore } from './file-store';
import { FilesController, UploadsController } from './uploads.controller';
import { UploadsService } from './uploads.service';

/** Case evidence files: upload, attach to a case, serve through expiring links. */
@Module({
  imports: [PiiModule],
  controllers: [UploadsController, FilesController],
  providers: [
    UploadsService,
    // Bind another FileStore here (an object store) without touching the service.
    { provide: FILE_STORE, useFactory: (config: AppConfig) => new LocalDiskFileStore(config.uploads.dir), inject: [APP_CONFIG] },
  ],
  exports: [UploadsService],
})
export class UploadsModule {}
