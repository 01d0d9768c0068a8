import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Checkpoints, readCheckpointDirectory, verifyExport, verifyReceipt } from '@app/audit';
import type { AppConfig } from '@app/config';
import { loadKeyRing, LogTree, PostgresEventStore, publicKeyIdOf, verifyTree } from '@app/event-store';
import { SystemClock } from '@app/platform';
import { fail, withDatabase } from './database.js';

export const AUDIT_USAGE = `audit:
  npm run cli -- audit checkpoint
    sign a checkpoint now (when the log grew) and publish it to CHECKPOINT_DIR
  npm run cli -- audit verify [--checkpoints <dir>]
    every chain and proof in the database, and the log against every signed checkpoint (the
    database's, CHECKPOINT_DIR's and those in <dir>, e.g. the audit office's copies)
  npm run cli -- audit verify-export <trail.jsonl> --checkpoints <dir> --public-key <file> [--public-key <file>]
    offline: an export of the whole log (GET /audit/export) against published checkpoints
  npm run cli -- audit verify-receipt <receipt.json> --public-key <file> [--public-key <file>]
    offline: a receipt (GET /declarations/:id/receipt)
  Each prints a JSON report and exits 0 when everything checks out, 1 when not.`;

/** `audit verify | verify-export | verify-receipt` */
export async function audit(config: AppConfig, args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { checkpoints: { type: 'string' }, 'public-key': { type: 'string', multiple: true } },
  });
  const [action, file] = positionals;
  const keys = values['public-key'] ?? [];
  const unreadable = keys.filter((file) => {
    const pem = readOrFail(file);
    return pem !== null && publicKeyIdOf(pem) === null;
  });
  if (process.exitCode === 66) return;
  if (unreadable.length > 0) return fail(`not an Ed25519 public key (SPKI PEM): ${unreadable.join(', ')}`, [], 65);
  if (action === 'verify' && !file) return verifyDatabase(config, values.checkpoints);
  if (action === 'checkpoint' && !file) {
    return withDatabase(config, async (db) => {
      const checkpoints = new Checkpoints(new LogTree(db, loadKeyRing(config)), config, new SystemClock());
      const made = await checkpoints.make();
      process.stdout.write(`${JSON.stringify({ created: made !== null, checkpoint: made }, null, 2)}\n`);
    });
  }
  if (action === 'verify-export' && file && values.checkpoints && keys.length > 0) {
    const trail = readOrFail(file);
    const pems = keys.map(readOrFail);
    if (trail === null || pems.includes(null)) return;
    return report(verifyExport(trail, readCheckpointDirectory(values.checkpoints), pems as string[]));
  }
  if (action === 'verify-receipt' && file && keys.length > 0) {
    const receipt = readOrFail(file);
    const pems = keys.map(readOrFail);
    if (receipt === null || pems.includes(null)) return;
    return report(verifyReceipt(receipt, pems as string[]));
  }
  fail(AUDIT_USAGE, [], 64);
}

async function verifyDatabase(config: AppConfig, directory: string | undefined): Promise<void> {
  await withDatabase(config, async (db) => {
    const keys = loadKeyRing(config);
    const chains = await new PostgresEventStore(db, keys).verify();
    const stored = await new LogTree(db, keys).checkpoints();
    const published = [
      ...stored.map((c) => ({ source: 'database', signed: { body: c.body, signature: c.signature } })),
      ...readCheckpointDirectory(config.checkpoints.directory),
      ...(directory ? readCheckpointDirectory(directory) : []),
    ];
    const tree = await verifyTree((text, params) => db.query(text, params), keys, published);
    const broken = chains.broken.map((b) => ({ ...b, globalPosition: b.globalPosition?.toString() ?? null }));
    report({ ...chains, ok: chains.ok && tree.ok, broken, tree });
  });
}

function report<T extends { ok: boolean }>(result: T): void {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  if (!result.ok) process.exitCode = 1;
}

function readOrFail(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    fail(`cannot read ${path}: ${(error as Error).message}`, [], 66);
    return null;
  }
}
