import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import { Connection, decodeCursor, encodeCursor, errors, inScope, isUuid, MediaReference, mediaReference, PageArgs, pageOf, paginate, Role, transactionalIdempotent, type Page } from '@corphub/module-kit';
import { LocalDateResolver } from 'graphql-scalars';
import type { LogsContext } from '../context';
import { EmployeeStub, employeeRef } from '../employees/employee.stub';
import { audienceKeys, NO_FACTS, readsEverything } from './work-log.audience';
import { WorkLog, WorkLogComment, WorkLogKind, WorkLogRead } from './work-log.entity';
import { CreateWorkLogInput, MAX_TEXT, SubmissionArgs, UpdateWorkLogInput, WorkLogFeedArgs } from './work-log.inputs';
import { authorOf, checkPeriod, checkReaders, checkReadersExist, writeAudience } from './work-log.service';

export const FEED_ORDER = [['createdAt', 'desc'], ['id', 'desc']] as const;

@ObjectType()
export class WorkLogConnection extends Connection(WorkLog) {}

@ObjectType({ description: 'Employees who are meant to read a work log, a page at a time.' })
export class WorkLogReaderConnection extends Connection(EmployeeStub, 'WorkLogReader') {}

@ObjectType({ description: 'Who in a department submitted a DAILY log for a date, and who did not.' })
export class WorkLogSubmissions {
  @Field(() => ID)
  departmentId!: string;

  @Field(() => LocalDateResolver)
  date!: string;

  @Field(() => [EmployeeStub], { description: 'Members with a DAILY log for the date.' })
  submitted!: EmployeeStub[];

  @Field(() => [EmployeeStub], { description: 'Members without one: whom to remind.' })
  missing!: EmployeeStub[];
}

const READERS = [Role.ADMIN, Role.DEPARTMENT_ADMIN, Role.FINANCE, Role.EMPLOYEE, Role.ANALYST, Role.PLATFORM, Role.SERVICE];

/** A log the caller may see, else NOT_FOUND (another corp's, or one hidden from them, look the same). */
async function visibleLog(loaders: LogsContext['loaders'], id: string): Promise<WorkLog> {
  const log = isUuid(id) ? await loaders.visibleLogById.load(id) : null;
  if (!log) throw errors.NOT_FOUND(`Work log "${id}" not found`);
  return log;
}

@Resolver(() => WorkLog)
export class WorkLogResolver {
  @Authorized(...READERS)
  @Query(() => WorkLogConnection, { description: 'The work logs the caller may read, newest first.' })
  async workLogFeed(@Args(() => WorkLogFeedArgs) { kind, departmentId, ...page }: WorkLogFeedArgs, @Ctx() { loaders, em }: LogsContext): Promise<Page<WorkLog>> {
    const conditions: FilterQuery<WorkLog>[] = [await loaders.visibleWhere()];
    if (kind) conditions.push({ kind });
    if (departmentId) conditions.push({ departments: { $some: { departmentId } } });
    return paginate(em, WorkLog, { $and: conditions }, page, FEED_ORDER);
  }

  @Authorized(...READERS)
  @Query(() => WorkLog, { description: 'A work log the caller may read, by id.' })
  workLog(@Arg('id', () => ID) id: string, @Ctx() { loaders }: LogsContext): Promise<WorkLog> {
    return visibleLog(loaders, id);
  }

  @Authorized(Role.EMPLOYEE, Role.ADMIN)
  @Query(() => Int, { description: "How many logs in the caller's feed (not their own) they have not marked read." })
  async workLogUnreadCount(@Arg('kind', () => WorkLogKind, { nullable: true }) kind: WorkLogKind | undefined, @Ctx() { auth, em, loaders }: LogsContext): Promise<number> {
    const me = authorOf(auth);
    const conditions: FilterQuery<WorkLog>[] = [await loaders.visibleWhere(), { authorUnionId: { $ne: me } }, { reads: { $none: { readerUnionId: me } } }];
    if (kind) conditions.push({ kind });
    return em.count(WorkLog, { $and: conditions });
  }

  @Authorized(...READERS)
  @Query(() => WorkLogSubmissions, {
    description:
      'Who in a department has (not) submitted a DAILY log for a date. Employees may ask about a department they belong to or one below it; admins, analysts and services about any.',
  })
  async workLogSubmissions(@Args(() => SubmissionArgs) { departmentId, date, includeSubdepartments }: SubmissionArgs, @Ctx() { auth, em, services, requestId }: LogsContext): Promise<WorkLogSubmissions> {
    const { graph } = services;
    if (!readsEverything(auth)) {
      const [facts, ancestors] = await Promise.all([auth.unionId ? graph.employeeFacts(auth.corpId, auth.unionId, requestId) : null, graph.departmentAncestors(auth.corpId, departmentId, requestId)]);
      const own = new Set((facts ?? NO_FACTS).departmentIds);
      if (![departmentId, ...ancestors].some((id) => own.has(id))) {
        throw errors.FORBIDDEN(`Only members of "${departmentId}" or of a department above it see its submissions`);
      }
    }
    // a scoped app's caller learns about the people inside its scope only
    const members = (await graph.departmentMembers(auth.corpId, departmentId, { includeSubdepartments, requestId })).members.map((member) => member.unionId).filter((unionId) => inScope(auth, unionId));
    const submittedBy = new Set(
      members.length ? (await em.find(WorkLog, { kind: WorkLogKind.DAILY, date, authorUnionId: { $in: members } }, { fields: ['authorUnionId'] })).map((log) => log.authorUnionId) : [],
    );
    return {
      departmentId,
      date,
      submitted: members.filter((unionId) => submittedBy.has(unionId)).map(employeeRef),
      missing: members.filter((unionId) => !submittedBy.has(unionId)).map(employeeRef),
    };
  }

  @Authorized(Role.EMPLOYEE, Role.ADMIN)
  @Mutation(() => WorkLog, { description: 'Writes a work log as the caller. A second DAILY log for the same date (or WEEKLY for the same week) is CONFLICT: edit it with updateWorkLog.' })
  async createWorkLog(@Arg('input', () => CreateWorkLogInput) input: CreateWorkLogInput, @Ctx() ctx: LogsContext): Promise<WorkLog> {
    const { auth, em, services, requestId } = ctx;
    const { graph, notifier } = services;
    const author = authorOf(auth);
    checkPeriod(input.kind, input.date, input.week);
    const readers = checkReaders(input.visibility, input.readerUnionIds);
    const attachmentIds = [...new Set(input.attachmentIds ?? [])];
    const [facts, { voiceDurationSeconds }] = await Promise.all([
      graph.employeeFacts(auth.corpId, author, requestId),
      graph.checkMedia(auth.corpId, input.voiceMediaId, attachmentIds, requestId),
      checkReadersExist(graph, auth.corpId, readers, requestId),
    ]);
    return em.transactional(async (tx) => {
      const period = input.kind === WorkLogKind.DAILY ? { date: input.date } : input.kind === WorkLogKind.WEEKLY ? { week: input.week } : null;
      const existing = period && (await tx.findOne(WorkLog, { authorUnionId: author, ...period }));
      if (existing) {
        throw errors.CONFLICT(`You already wrote a ${input.kind} log for ${input.date ?? input.week}: edit it with updateWorkLog`, { workLogId: existing.id });
      }
      const log = new WorkLog(author, input.kind, input.text, input.visibility);
      Object.assign(log, { date: input.date ?? null, week: input.week ?? null, voiceMediaId: input.voiceMediaId ?? null, voiceDurationSeconds, attachmentIds, readerUnionIds: readers });
      tx.persist(log);
      await writeAudience(tx, log, facts ?? NO_FACTS, false);
      const authorFacts = facts ?? NO_FACTS;
      notifier.created(ctx, tx, log, audienceKeys(log.authorUnionId, authorFacts, log.visibility, log.readerUnionIds), authorFacts);
      await tx.flush();
      return log;
    }).then(async (log) => {
      await notifier.sendQueued();
      return log;
    });
  }

  @Authorized(Role.EMPLOYEE, Role.ADMIN)
  @Mutation(() => WorkLog, { description: 'Edits one of the caller’s own work logs; a new visibility takes effect for every read from now on.' })
  async updateWorkLog(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateWorkLogInput) input: UpdateWorkLogInput,
    @Ctx() { auth, em, loaders, services, requestId }: LogsContext,
  ): Promise<WorkLog> {
    const { graph } = services;
    const author = authorOf(auth);
    const found = await visibleLog(loaders, id);
    if (found.authorUnionId !== author) throw errors.FORBIDDEN('Only the author edits a work log');
    if (input.text === null) throw errors.BAD_USER_INPUT('text cannot be cleared');
    const visibility = input.visibility ?? found.visibility;
    const readers = checkReaders(visibility, input.readerUnionIds ?? (visibility === found.visibility ? found.readerUnionIds : undefined));
    const attachmentIds = input.attachmentIds ? [...new Set(input.attachmentIds)] : undefined;
    const audienceChanges = visibility !== found.visibility || input.readerUnionIds !== undefined;
    const [facts, media] = await Promise.all([
      audienceChanges ? graph.employeeFacts(auth.corpId, author, requestId) : null,
      graph.checkMedia(auth.corpId, input.voiceMediaId, attachmentIds ?? [], requestId),
      input.readerUnionIds ? checkReadersExist(graph, auth.corpId, readers, requestId) : undefined,
    ]);
    return em.transactional(async (tx) => {
      const log = await tx.findOneOrFail(WorkLog, { id: found.id });
      if (input.text !== undefined) log.text = input.text;
      if (input.voiceMediaId !== undefined) {
        log.voiceMediaId = input.voiceMediaId;
        log.voiceDurationSeconds = input.voiceMediaId ? media.voiceDurationSeconds : null;
      }
      if (attachmentIds) log.attachmentIds = attachmentIds;
      log.visibility = visibility;
      log.readerUnionIds = readers;
      if (audienceChanges) await writeAudience(tx, log, facts ?? NO_FACTS, true);
      log.editedAt = new Date();
      await tx.flush();
      return log;
    });
  }

  @Authorized(Role.EMPLOYEE, Role.ADMIN)
  @Mutation(() => WorkLogComment, { description: "Comments on a work log the caller may read; the log's author is messaged (unless it is their own log)." })
  async addWorkLogComment(@Arg('logId', () => ID) logId: string, @Arg('text', () => String) text: string, @Ctx() ctx: LogsContext): Promise<WorkLogComment> {
    const { auth, em, loaders, services, requestId } = ctx;
    const author = authorOf(auth);
    const trimmed = text.trim();
    if (!trimmed || trimmed.length > MAX_TEXT) throw errors.BAD_USER_INPUT(`A comment is 1 to ${MAX_TEXT} characters`);
    const log = await visibleLog(loaders, logId);
    // the commenter's name for the message; nobody is told of a comment on one's own log
    const commenter = log.authorUnionId === author ? null : await services.graph.employeeFacts(auth.corpId, author, requestId);
    const comment = await em.transactional(async (tx) => {
      const written = new WorkLogComment(tx.getReference(WorkLog, log.id, { wrapped: true }), author, trimmed);
      tx.persist(written);
      services.notifier.commented(ctx, tx, log, written, commenter?.displayName);
      await tx.flush();
      return written;
    });
    await services.notifier.sendQueued();
    return comment;
  }

  @Authorized(Role.EMPLOYEE, Role.ADMIN)
  @Mutation(() => WorkLog, { description: 'Marks a work log the caller may read as read by them (again: nothing changes).' })
  async markWorkLogRead(@Arg('logId', () => ID) logId: string, @Ctx() { auth, em, loaders }: LogsContext): Promise<WorkLog> {
    const reader = authorOf(auth);
    const log = await visibleLog(loaders, logId);
    if (log.authorUnionId === reader) return log;
    await transactionalIdempotent(em, async (tx) => {
      if (await tx.count(WorkLogRead, { log: log.id, readerUnionId: reader })) return;
      tx.persist(new WorkLogRead(tx.getReference(WorkLog, log.id, { wrapped: true }), reader));
    });
    loaders.readsByLog.clear(log.id);
    return log;
  }

  @FieldResolver(() => EmployeeStub, { description: 'Who wrote it.' })
  author(@Root() log: WorkLog): EmployeeStub {
    return employeeRef(log.authorUnionId);
  }

  @FieldResolver(() => MediaReference, { nullable: true, description: 'The voice note (AUDIO), with its duration and a download url.' })
  voice(@Root() log: WorkLog): MediaReference | null {
    return mediaReference(log.voiceMediaId);
  }

  @FieldResolver(() => [MediaReference], { description: 'Photos and documents, in order.' })
  attachments(@Root() log: WorkLog): MediaReference[] {
    return log.attachmentIds.map((id) => ({ id }));
  }

  @FieldResolver(() => [EmployeeStub], { description: 'PEOPLE visibility: the named readers; empty otherwise.' })
  readers(@Root() log: WorkLog): EmployeeStub[] {
    return log.readerUnionIds.map(employeeRef);
  }

  @FieldResolver(() => [WorkLogComment], { description: 'Comments, oldest first.' })
  comments(@Root() log: WorkLog, @Ctx() { loaders }: LogsContext): Promise<WorkLogComment[]> {
    return loaders.commentsByLog.load(log.id);
  }

  @FieldResolver(() => [EmployeeStub], { description: 'Who marked it read, first readers first.' })
  async readBy(@Root() log: WorkLog, @Ctx() { loaders }: LogsContext): Promise<EmployeeStub[]> {
    return (await loaders.readsByLog.load(log.id)).map((read) => employeeRef(read.readerUnionId));
  }

  @FieldResolver(() => WorkLogReaderConnection, {
    description:
      'The intended readers (per visibility, as the directory has them now) who have not marked it read, the author excluded; ordered by unionId. Every department member counts: no cap.',
  })
  async unreadBy(@Root() log: WorkLog, @Args(() => PageArgs) { first, after }: PageArgs, @Ctx() { loaders }: LogsContext): Promise<Page<EmployeeStub>> {
    const [from] = after ? decodeCursor(after, 1) : [null];
    if (from !== null && typeof from !== 'string') throw errors.BAD_USER_INPUT(`Invalid cursor "${after}": pass an endCursor from a previous page`);
    const [keys, reads] = await Promise.all([loaders.audienceByLog.load(log.id), loaders.readsByLog.load(log.id)]);
    const members = await loaders.membersByAudienceKey.loadMany(keys);
    const done = new Set([log.authorUnionId, ...reads.map((read) => read.readerUnionId)]);
    const unread = new Set<string>();
    for (const group of members) {
      if (group instanceof Error) throw group;
      for (const unionId of group) if (!done.has(unionId)) unread.add(unionId);
    }
    const ordered = [...unread].sort();
    const rest = from === null ? ordered : ordered.filter((unionId) => unionId > from);
    // one past the page, so pageOf can tell whether there is a next one
    return pageOf(rest.slice(0, first + 1).map(employeeRef), first, (node) => encodeCursor([node.unionId]), () => Promise.resolve(ordered.length));
  }

  @FieldResolver(() => Boolean, { description: 'Whether the caller marked it read (always true for the author).' })
  async readByMe(@Root() log: WorkLog, @Ctx() { auth, loaders }: LogsContext): Promise<boolean> {
    if (!auth.unionId) return false;
    if (log.authorUnionId === auth.unionId) return true;
    return (await loaders.readsByLog.load(log.id)).some((read) => read.readerUnionId === auth.unionId);
  }
}

@Resolver(() => WorkLogComment)
export class WorkLogCommentResolver {
  @FieldResolver(() => EmployeeStub)
  author(@Root() comment: WorkLogComment): EmployeeStub {
    return employeeRef(comment.authorUnionId);
  }
}
