import rateLimit from '@fastify/rate-limit';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RouteOptions } from 'fastify';
import { Redis } from 'ioredis';
import type { AppConfig } from '../config/configuration';
import { AppException } from './app-exception';

/** The named limits of AppConfig.rateLimits; each marked route counts per client address on its own. */
export type RateLimitName = Exclude<keyof AppConfig['rateLimits'], 'windowSeconds'>;

const CONFIG_KEY = 'unionRateLimit';

/**
 * Limits a route to `rateLimits[name]` calls per client address per window. Checked in Fastify's
 * onRequest hook, before the body is parsed or a token is checked: a refused call costs next to nothing.
 */
export const RateLimited = (name: RateLimitName) => RouteConfig({ [CONFIG_KEY]: name });

/**
 * Register @fastify/rate-limit for the routes marked with RateLimited (nothing else is limited).
 * Counters live in this process, or in Redis when REDIS_URL is set so that every instance shares them;
 * an unreachable Redis lets calls through (logging in matters more than throttling) rather than failing them.
 * Call before the routes are registered (app.init).
 */
export async function registerRateLimits(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const limits = config.rateLimits;
  // Runs before the plugin's own onRoute hook (registered after it), which reads config.rateLimit.
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const name = (route.config as Record<string, unknown> | undefined)?.[CONFIG_KEY] as RateLimitName | undefined;
    if (!name) return;
    route.config = { ...route.config, rateLimit: { max: limits[name], timeWindow: limits.windowSeconds * 1000 } };
  });
  const redis = config.redis.url
    ? new Redis(config.redis.url, { connectTimeout: 1000, commandTimeout: 500, maxRetriesPerRequest: 1 })
    : null;
  if (redis) {
    redis.on('error', () => undefined); // reported through skipOnError; ioredis reconnects by itself
    fastify.addHook('onClose', async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
  }
  await app.register(rateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: 'union-rate-limit-' } : {}),
    skipOnError: true,
    errorResponseBuilder: () => new AppException('rate_limited'),
  });
}
