import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/access';
import { fail } from '../../common/app-exception';
import { APP_CONFIG, type AppConfig } from '../../config/configuration';
import { MetricsService } from './metrics.service';

/**
 * GET /api/metrics for a Prometheus scraper, behind a token of its own (METRICS_TOKEN, not a
 * user's sign-in): off (404) without one configured, 401 with a wrong or missing one.
 */
@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  private readonly token: Buffer | null;

  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.token = config.metrics.token ? Buffer.from(`Bearer ${config.metrics.token}`, 'utf8') : null;
  }

  @Get()
  @Public()
  @ApiBearerAuth()
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'Prometheus 文本格式（Bearer 为 METRICS_TOKEN，不是用户登录的 token）' })
  @ApiResponse({ status: 401, description: '没有或不是 METRICS_TOKEN' })
  @ApiResponse({ status: 404, description: '没有配置 METRICS_TOKEN（关闭）' })
  async scrape(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!this.token) fail('not_found');
    const given = Buffer.from(request.headers.authorization ?? '', 'utf8');
    if (given.length !== this.token.length || !timingSafeEqual(given, this.token)) fail('unauthenticated');
    const text = await this.metrics.registry.metrics();
    await reply.header('content-type', this.metrics.registry.contentType).header('cache-control', 'no-store').send(text);
  }
}
