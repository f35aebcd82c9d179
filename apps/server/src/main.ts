import 'reflect-metadata';
import { ConfigError, loadConfig, type AppConfig } from './config/configuration';
import { createApp } from './app.factory';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`配置错误 (configuration error): ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const app = await createApp(config);
  app.enableShutdownHooks();
  await app.listen({ port: config.app.port, host: config.app.host });
  const url = `http://localhost:${config.app.port}`;
  process.stdout.write(
    `\n县总工会服务平台已启动 (union is running)\n  小程序 H5:  ${url}/\n  API:        ${url}/api\n  API 文档:   ${url}/api/docs\n` +
      `  数据库:     ${config.database.url ? 'MySQL' : `内置 (${config.database.embeddedFile ?? 'memory'})`}\n\n`,
  );
}

void main();
