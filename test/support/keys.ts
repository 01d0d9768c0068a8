import { join } from 'node:path';
import { loadKeyRing, type KeyRing } from '@app/event-store';

/** The development signing key (made on first use in `.secrets/`), as the test processes load it. */
export function testKeys(): KeyRing {
  return loadKeyRing({
    env: 'test',
    secrets: { directory: '.secrets', signingKeyFile: join('.secrets', 'signing-key.pem'), retiredSigningKeyFiles: [] },
  });
}
