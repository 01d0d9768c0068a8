import { resolve } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { Response } from 'express';
import type { AppConfig } from '@app/config';

/**
 * The console (apps/web, built into CONSOLE_DIR) at /console, same origin as the API. Any path
 * under /console that is not a file gets index.html, so a deep link opens its screen. Assets have
 * hashed names and are kept a year; index.html is revalidated so a new build is seen at once.
 */
@Module({})
export class ConsoleModule {
  static forRoot(config: AppConfig): DynamicModule {
    return ServeStaticModule.forRoot({
      rootPath: resolve(config.consoleDirectory),
      serveRoot: '/console',
      renderPath: '{*path}',
      serveStaticOptions: {
        index: false,
        setHeaders: (response: Response, path: string) => {
          const immutable = path.includes('/assets/');
          response.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
          response.setHeader('X-Content-Type-Options', 'nosniff');
          response.setHeader('X-Frame-Options', 'DENY');
        },
      },
    });
  }
}
