import { Injectable } from '@nestjs/common';
import { DeclarationStream, type Declaration } from '@app/declarations';
import type { JobPayloads } from '@app/jobs';
import { Names } from '@app/identity';
import { NoticeLog } from '@app/notices';
import { AppConfig } from '@app/config';
import { Clock } from '@app/platform';
import { deadlineMessage } from './messages.js';
import { declarationLink } from './workflow-messages.js';
import { Recipients } from './recipients.js';
import { currentStageEntry, type StageEntry } from './stage-entry.js';

export type FireOutcome =
  { outcome: 'sent'; recipients: number; sent: number } | { outcome: 'moved-on' | 'late' | 'no-recipients'; sent: 0 };

/**
 * What a deadline job does when it fires. It reads the declaration again: the job may fire
 * after it moved on, and then it sends nothing. Each notice's key is (kind, declaration,
 * version entering the stage, recipient): a job run twice (a retry after a crash, two
 * workers, a re-derived schedule) appends nothing the second time.
 */
@Injectable()
export class DeadlineNotices {
  constructor(
    private readonly stream: DeclarationStream,
    private readonly recipients: Recipients,
    private readonly names: Names,
    private readonly log: NoticeLog,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async fire({ kind, declarationId, stage, enteredVersion }: JobPayloads['deadline-notice']): Promise<FireOutcome> {
    const loaded = await this.stream.load(declarationId);
    const entry = loaded ? currentStageEntry(loaded.events) : null;
    if (!loaded || !entry || entry.stage !== stage || entry.enteredVersion !== enteredVersion) {
      return { outcome: 'moved-on', sent: 0 };
    }
    // Past the due time a reminder is stale: the overdue notice says more.
    if (kind === 'reminder' && this.clock.now().getTime() >= Date.parse(entry.dueAt))
      return { outcome: 'late', sent: 0 };
    const people = await this.recipients.of(kind, loaded.state, entry.stage);
    if (people.length === 0) return { outcome: 'no-recipients', sent: 0 };
    const facts = await this.facts(loaded.state, entry);
    const message = deadlineMessage(kind, facts);
    let sent = 0;
    for (const person of people) {
      const result = await this.log.send({
        key: `${kind}:${declarationId}:${enteredVersion}:${person.userId}`,
        kind,
        recipientId: person.userId,
        recipientHasEmail: person.email !== null,
        ...message,
        declarationId,
        stage: entry.stage,
        dueAt: entry.dueAt,
        items: [],
        link: facts.link,
      });
      if (result.sent) sent += 1;
    }
    return { outcome: 'sent', recipients: people.length, sent };
  }

  private async facts(state: Declaration, entry: StageEntry) {
    const names = await this.names.of({ units: [state.unitId] });
    return {
      id: state.id,
      projectName: state.content.projectName,
      unitName: names.unit(state.unitId) ?? state.unitId,
      year: state.content.year,
      stage: entry.stage,
      dueAt: entry.dueAt,
      link: declarationLink(this.config.notices.publicUrl, state.id),
    };
  }
}
