import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { pino } from 'pino';
import { loadConfig } from '@app/config';
import { AppModule } from '../app.module.js';
import { documentProblems, openApiDocument } from './document.js';

/**
 * `node dist/apps/api/src/openapi/write-document.js <file>`: writes the OpenAPI document without a
 * database or Redis. Preview mode reads the controllers' metadata and instantiates no provider.
 */
const [file] = process.argv.slice(2);
const logger = pino({ level: 'silent' });
const config = loadConfig({ NODE_ENV: 'test', TOKEN_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' });
const app = await NestFactory.create(AppModule.forRoot(config, logger), { preview: true, logger: false });
const document = openApiDocument(app);
const problems = documentProblems(document);
const text = `${JSON.stringify(document, null, 2)}\n`;
if (file) writeFileSync(file, text);
else process.stdout.write(text);
if (problems.length > 0) {
  process.stderr.write(`The OpenAPI document is incomplete:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exitCode = 1;
}
