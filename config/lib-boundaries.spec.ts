import { beforeAll, describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';

// Real files stand in for the code under test: typed linting knows only files of the project,
// and the cycle rule follows imports on disk back to the file being linted.
const EVENT_STORE_FILE = 'libs/event-store/src/errors.ts';
const NOTICES_FILE = 'libs/notices/src/delivery/delivery-error.ts';
const PLATFORM_FILE = 'libs/platform/src/errors.ts';

describe('the lib layering (config/lib-boundaries.js)', () => {
  let eslint: ESLint;
  const problems = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
  };
  const rules = async (code: string, filePath: string) => (await problems(code, filePath)).map((p) => p.rule);

  beforeAll(() => {
    eslint = new ESLint({ overrideConfigFile: 'config/eslint.config.js' });
  });

  it('fails a lib that imports a lib above it, naming what it may import', async () => {
    const found = await problems(
      `import { GetHistory } from '@app/declarations';\n\nexport const query = GetHistory;\n`,
      EVENT_STORE_FILE,
    );
    expect(found).toContainEqual({
      rule: 'import-x/no-restricted-paths',
      message: expect.stringContaining('event-store may import only the libs below its layer: config, platform'),
    });
  }, 60_000);

  it('fails siblings of one layer that import each other (notices and declarations)', async () => {
    const code = `import { DeclarationsModule } from '@app/declarations';\n\nexport const of = DeclarationsModule;\n`;
    expect(await rules(code, NOTICES_FILE)).toContain('import-x/no-restricted-paths');
  }, 60_000);

  it('fails a lib that imports an app', async () => {
    const code = `import { AppModule } from '../../../apps/api/src/app.module.js';\n\nexport const app = AppModule;\n`;
    expect(await rules(code, PLATFORM_FILE)).toContain('import-x/no-restricted-paths');
  }, 60_000);

  it('fails an import cycle between two files', async () => {
    // The platform's index re-exports errors.ts: errors.ts importing the index closes the loop.
    const code = `import { SystemClock } from './index.js';\n\nexport const clock = SystemClock;\n`;
    expect(await rules(code, PLATFORM_FILE)).toContain('import-x/no-cycle');
  }, 60_000);

  it('passes an import from a lower layer', async () => {
    const code = `import { AppError } from '@app/platform/errors';\n\nexport class Stale extends AppError {}\n`;
    expect(await problems(code, EVENT_STORE_FILE)).toEqual([]);
  }, 60_000);
});
