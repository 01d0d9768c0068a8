// Test support: the real 2025 export (test/fixtures/forms) as bytes and as forms.
import { readFileSync } from 'node:fs';
import { readFormsText, type ParsedForm } from '@app/forms';

export const SONGJIANG_FILE = new URL(
  '../../../test/fixtures/forms/2025-songjiang-hrss-declarations.txt',
  import.meta.url,
);

export function songjiangBytes(): Buffer {
  return readFileSync(SONGJIANG_FILE);
}

export function songjiangForms(): ParsedForm[] {
  return readFormsText(songjiangBytes().toString('utf8'));
}
