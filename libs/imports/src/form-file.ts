import { createHash } from 'node:crypto';
import {
  FORM_FILE_CAPS,
  FormFileError,
  readFormsText,
  readFormsXlsx,
  type FormFileCaps,
  type ParsedForm,
} from '@app/forms';
import { say } from '@app/platform/messages';

// Every xlsx (a zip archive) starts with a local file header.
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;

/**
 * The forms of an uploaded or local file, whatever its kind, told from its bytes rather than its
 * name (an export renamed .txt is still a workbook): a 申报表 workbook (our own .xlsx export) or
 * the text export.
 * Throws FormFileError when the file is not a readable export of 申报表, or is over one of `caps`.
 */
export async function readFormFile(bytes: Uint8Array, caps: FormFileCaps = FORM_FILE_CAPS): Promise<ParsedForm[]> {
  if (ZIP_MAGIC.every((byte, at) => bytes[at] === byte)) return readFormsXlsx(bytes, caps);
  return readFormsText(decodeUtf8(bytes), caps);
}

/** The file's identity for idempotency and provenance: the same bytes are the same import. */
export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    // fatal: bytes that are not UTF-8 are refused, not turned into U+FFFD one by one.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FormFileError('FORM_FILE_NOT_TEXT', say('formFile.notUtf8'));
  }
}
