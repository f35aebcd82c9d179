import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/** The server's measurements for Prometheus (GET /api/metrics, behind METRICS_TOKEN). */
@Module({ imports: [NotificationsModule], controllers: [MetricsController], providers: [MetricsService], exports: [MetricsService] })
export class MetricsModule {}
