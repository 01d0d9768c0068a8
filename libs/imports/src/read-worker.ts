// A worker thread of UploadReader's pool: reads one uploaded file at a time (read-upload.ts).
import { parentPort } from 'node:worker_threads';
import type { FormFileCaps } from '@app/forms';
import { readUpload, type RulesByYear } from './read-upload.js';

export interface ReadTask {
  bytes: Uint8Array;
  rules: RulesByYear;
  caps?: FormFileCaps;
}

// Loaded (this module's imports are evaluated before this line runs): the pool may time tasks from here.
parentPort?.postMessage({ ready: true });
parentPort?.on('message', ({ id, input }: { id: number; input: ReadTask }) => {
  readUpload(input.bytes, input.rules, input.caps).then(
    (value) => parentPort?.postMessage({ id, ok: true, value }),
    (error: unknown) => parentPort?.postMessage({ id, ok: false, message: String((error as Error)?.stack ?? error) }),
  );
});
