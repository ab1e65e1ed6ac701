import type { EntityManager } from '@mikro-orm/core';
import { errors, type AuthContext, Role } from '@corphub/module-kit';
import type { LogsGraph } from '../graph';
import { audienceKeys, type DirectoryFacts } from './work-log.audience';
import { WorkLog, WorkLogAudience, WorkLogDepartment, WorkLogKind, WorkLogVisibility } from './work-log.entity';
import { isIsoWeek } from './work-log.inputs';

/** Work logs are written by people: an employee, or an admin who is one. */
export function authorOf(auth: AuthContext): string {
  if ((auth.role !== Role.EMPLOYEE && auth.role !== Role.ADMIN) || !auth.unionId) {
    throw errors.FORBIDDEN('Only a person (an employee token with a unionId) writes work logs');
  }
  return auth.unionId;
}

/** The period fields a kind takes: DAILY a date, WEEKLY an ISO week, NOTE neither. */
export function checkPeriod(kind: WorkLogKind, date: string | undefined, week: string | undefined): void {
  if (kind === WorkLogKind.DAILY && (!date || week)) throw errors.BAD_USER_INPUT('A DAILY log takes a date and no week');
  if (kind === WorkLogKind.WEEKLY && (!week || date)) throw errors.BAD_USER_INPUT('A WEEKLY log takes a week (e.g. 2026-W48) and no date');
  if (kind === WorkLogKind.NOTE && (date || week)) throw errors.BAD_USER_INPUT('A NOTE takes neither a date nor a week');
  if (week && !isIsoWeek(week)) throw errors.BAD_USER_INPUT(`"${week}" is not a week of that year`);
}

/** PEOPLE names its readers; the other visibilities take none. */
export function checkReaders(visibility: WorkLogVisibility, readerUnionIds: string[] | undefined): string[] {
  const readers = [...new Set(readerUnionIds ?? [])];
  if (visibility === WorkLogVisibility.PEOPLE && !readers.length) throw errors.BAD_USER_INPUT('PEOPLE visibility needs readerUnionIds');
  if (visibility !== WorkLogVisibility.PEOPLE && readers.length) throw errors.BAD_USER_INPUT(`readerUnionIds are for PEOPLE visibility only, not ${visibility}`);
  return readers;
}

/**
 * PEOPLE names its readers: each must be an employee of the corp, checked in the directory at write time.
 * Unknown ones are BAD_USER_INPUT, listed in `extensions.unknownReaderUnionIds`.
 */
export async function checkReadersExist(graph: LogsGraph, corpId: string, readerUnionIds: string[], requestId?: string): Promise<void> {
  if (!readerUnionIds.length) return;
  const unknown = await graph.unknownPeople(corpId, readerUnionIds, requestId);
  if (unknown.length) {
    throw errors.BAD_USER_INPUT(`readerUnionIds names people who are no employees of this corp: ${unknown.join(', ')}`, { unknownReaderUnionIds: unknown });
  }
}

/** Replaces a log's audience and department rows with those of its current visibility and the author's facts. */
export async function writeAudience(tx: EntityManager, log: WorkLog, author: DirectoryFacts, replace: boolean): Promise<void> {
  if (replace) {
    await tx.nativeDelete(WorkLogAudience, { log: log.id });
    await tx.nativeDelete(WorkLogDepartment, { log: log.id });
  }
  const ref = tx.getReference(WorkLog, log.id, { wrapped: true });
  for (const key of audienceKeys(log.authorUnionId, author, log.visibility, log.readerUnionIds)) tx.persist(new WorkLogAudience(ref, key));
  for (const departmentId of author.departmentIdsWithAncestors) tx.persist(new WorkLogDepartment(ref, departmentId));
}
