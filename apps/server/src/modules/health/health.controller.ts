import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { healthView, type HealthView } from '@union/shared';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/access';
import { Answers, openApiSchema } from '../../common/schema';
import { APP_CONFIG, type AppConfig } from '../../config/configuration';
import { Db } from '../../database/db.service';
import { journalOf } from '../../database/embedded-journal';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Liveness and database check; 503 when the database does not answer. */
  @Get()
  @Public()
  @ApiResponse({ status: 503, description: '数据库不应答', schema: openApiSchema(healthView, 'output') as never })
  @Answers(healthView)
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthView> {
    let database: HealthView['database'] = 'up';
    try {
      await this.db.dataSource.query('SELECT 1');
      // The embedded database answers reads from memory even after its journal could not be
      // written (disk full): it takes no writes then, so it is not healthy.
      if (journalOf(this.db.dataSource)?.writable === false) throw new Error('journal not writable');
    } catch {
      database = 'down';
      void reply.status(503);
    }
    return { status: database === 'up' ? 'ok' : 'degraded', database, version: this.config.app.version };
  }
}
