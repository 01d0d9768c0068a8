import { Logger } from '@nestjs/common';
import { fileSecret, type AppConfig } from '@app/config';
import { KeyRing, newSigningKeyPem } from './key-ring.js';

/**
 * The key ring from the settings. In production SIGNING_KEY_FILE is required (the config refuses to
 * load without it) and a missing file stops the process; elsewhere the key is made on first start
 * (mode 0600, in the git-ignored secrets folder) and its path logged.
 */
export function loadKeyRing(config: Pick<AppConfig, 'env' | 'secrets'>): KeyRing {
  const { signingKeyFile, retiredSigningKeyFiles } = config.secrets;
  if (config.env !== 'production') {
    const { created } = fileSecret(signingKeyFile, newSigningKeyPem);
    if (created) new Logger('SigningKey').warn(`made a new Ed25519 signing key at ${signingKeyFile}`);
  }
  return KeyRing.fromFiles(signingKeyFile, retiredSigningKeyFiles);
}
