import { Injectable, Logger } from '@nestjs/common';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '@app/config';
import {
  checkpointFileName,
  checkpointFileText,
  LogTree,
  parseCheckpointFile,
  type PublishedCheckpoint,
  type StoredCheckpoint,
} from '@app/event-store';
import { Clock } from '@app/platform';

const FILE = /^checkpoint-\d{12}\.json$/;

/** Every checkpoint file in a folder, by name (so by tree size); an unreadable one is `malformed` to verify. */
export function readCheckpointDirectory(directory: string): PublishedCheckpoint[] {
  let names: string[];
  try {
    names = readdirSync(directory)
      .filter((name) => FILE.test(name))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.map((name) => {
    const source = join(directory, name);
    const signed = parseCheckpointFile(readFileSync(source, 'utf8')) ?? { body: '', signature: '' };
    return { source, signed };
  });
}

/**
 * Makes signed checkpoints and publishes them where the database cannot rewrite them: one file per
 * checkpoint in CHECKPOINT_DIR, written once (`wx`), never rewritten. An event whose proof fails is
 * taken into the tree (so it cannot be removed unseen either) but listed in the checkpoint's
 * `unproven`: no checkpoint vouches for it, and each one found is logged at error level.
 */
@Injectable()
export class Checkpoints {
  private readonly logger = new Logger('Checkpoints');
  /** Events taken into the tree without valid proof since this process started (a metric). */
  unprovenSeen = 0;

  constructor(
    private readonly tree: LogTree,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** A new checkpoint when the log grew since the last one, published; null otherwise. */
  async make(): Promise<StoredCheckpoint | null> {
    const { checkpoint, newlyUnproven } = await this.tree.checkpoint(this.clock.now());
    for (const event of newlyUnproven) {
      this.unprovenSeen += 1;
      this.logger.error(
        `ALERT event without valid proof (${event.reason}): ${event.streamId} v${event.streamVersion} at position ${event.globalPosition}; no checkpoint vouches for it`,
      );
    }
    if (checkpoint) this.publish(checkpoint);
    return checkpoint;
  }

  /** Writes the file unless it is there (a checkpoint of a size is written once; publishing again is a no-op). */
  publish(checkpoint: StoredCheckpoint): void {
    const directory = this.config.checkpoints.directory;
    mkdirSync(directory, { recursive: true });
    try {
      writeFileSync(join(directory, checkpointFileName(checkpoint.treeSize)), checkpointFileText(checkpoint), {
        flag: 'wx',
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }

  /** What verify checks the log against: the database's checkpoints and the published files. */
  async published(extraDirectory?: string): Promise<PublishedCheckpoint[]> {
    const stored = await this.tree.checkpoints();
    return [
      ...stored.map((c) => ({ source: 'database', signed: { body: c.body, signature: c.signature } })),
      ...readCheckpointDirectory(this.config.checkpoints.directory),
      ...(extraDirectory ? readCheckpointDirectory(extraDirectory) : []),
    ];
  }
}
