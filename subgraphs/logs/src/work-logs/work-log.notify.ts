import { MessageOutbox, type MessageRecipients } from '@corphub/module-kit';
import type { EntityManager } from '@mikro-orm/core';
import type { LogsContext } from '../context';
import { EVERYONE, type DirectoryFacts } from './work-log.audience';
import { WorkLogKind, type WorkLog, type WorkLogComment } from './work-log.entity';

/** The readers a new log is meant for, as message recipients, from its audience keys (see work-log.audience.ts). */
export function intendedReaders(log: WorkLog, keys: string[], author: DirectoryFacts): MessageRecipients {
  const unionIds = new Set<string>();
  const departments = new Map<string, boolean>();
  for (const key of keys) {
    if (key.startsWith('u:')) unionIds.add(key.slice(2));
    else if (key.startsWith('t:')) departments.set(key.slice(2), departments.get(key.slice(2)) ?? false);
    else if (key.startsWith('d:')) departments.set(key.slice(2), true);
    // a corp-wide log is for everyone to read, but it is announced to the author's own departments only
    else if (key === EVERYONE) for (const id of author.departmentIds) departments.set(id, true);
  }
  unionIds.delete(log.authorUnionId);
  return {
    unionIds: [...unionIds],
    departments: [...departments].map(([id, includeSubdepartments]) => ({ id, includeSubdepartments })),
    excludeUnionIds: [log.authorUnionId],
    // a named reader who left the corp must not stop the others from hearing of it
    ignoreUnknownRecipients: true,
  };
}

/**
 * Tells a new log's intended readers in their feed (the messages subgraph): queued in the log's own
 * transaction, sent after its commit by the outbox, which retries; a failed send never fails the log.
 */
export class WorkLogNotifier {
  constructor(private readonly outbox: MessageOutbox) {}

  created(ctx: LogsContext, tx: EntityManager, log: WorkLog, keys: string[], author: DirectoryFacts): void {
    const what = log.voiceMediaId ? 'a voice log' : log.kind === WorkLogKind.NOTE ? 'a note' : `a ${log.kind.toLowerCase()} log`;
    MessageOutbox.queue(
      tx,
      {
        to: intendedReaders(log, keys, author),
        title: `${author.displayName ?? 'A colleague'} posted ${what}`,
        body: log.text.length > 280 ? `${log.text.slice(0, 277)}...` : log.text,
        link: `/logs/${log.id}`,
        idempotencyKey: `log:${log.id}:created`,
      },
      ctx.requestId,
    );
  }

  /**
   * Tells a log's author that someone commented on it, in the comment's transaction; not when the author
   * comments on their own log. The comment id keys the message, so a retried send is one message.
   */
  commented(ctx: LogsContext, tx: EntityManager, log: WorkLog, comment: WorkLogComment, commenterName: string | undefined): void {
    if (comment.authorUnionId === log.authorUnionId) return;
    MessageOutbox.queue(
      tx,
      {
        // the author may have left the corp since: nobody to tell then, and the comment still stands
        to: { unionIds: [log.authorUnionId], ignoreUnknownRecipients: true },
        title: `${commenterName ?? 'A colleague'} commented on your ${log.kind === WorkLogKind.NOTE ? 'note' : `${log.kind.toLowerCase()} log`}`,
        body: comment.text.length > 280 ? `${comment.text.slice(0, 277)}...` : comment.text,
        link: `/logs/${log.id}`,
        idempotencyKey: `log:${log.id}:comment:${comment.id}`,
      },
      ctx.requestId,
    );
  }

  /** After the commit: sends what the transaction queued (waiting a few seconds at most). */
  async sendQueued(): Promise<void> {
    await this.outbox.sendQueued();
  }

  /** Stops the outbox's retry loop (the server is stopping). */
  stop(): Promise<void> {
    return this.outbox.stop();
  }
}
