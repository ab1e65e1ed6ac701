import { Role, type AuthContext } from '@corphub/module-kit';
import { WorkLogVisibility } from './work-log.entity';

/**
 * Who may read a log, as keys written beside it at write time and matched at read time with one indexed
 * `exists` (the viewer's keys are computed once per request from the directory, through the graph):
 *
 * - `*`            everyone in the corp (CORP)
 * - `u:<unionId>`  one person: the author always; the named readers (PEOPLE); the author's management
 *                  chain (TEAM, DEPARTMENT)
 * - `t:<deptId>`   members of exactly this department (TEAM: the author's departments)
 * - `d:<deptId>`   members of this department or of any department below it (DEPARTMENT: the author's
 *                  departments)
 *
 * A viewer holds `*`, `u:<self>`, `t:<each own department>` and `d:<each own department and each one
 * above it>`. The audience is fixed when the log is written (or edited): a later transfer does not widen
 * or narrow who reads old logs. Admins, analysts, the platform and services read every log of their corp.
 */
export const EVERYONE = '*';
export const personKey = (unionId: string) => `u:${unionId}`;
export const teamKey = (departmentId: string) => `t:${departmentId}`;
export const subtreeKey = (departmentId: string) => `d:${departmentId}`;

/** What the directory says about one employee, as far as logs need it. */
export interface DirectoryFacts {
  /** The employee's own departments (ids). */
  departmentIds: string[];
  /** Their departments and every department above them (ids). */
  departmentIdsWithAncestors: string[];
  /** The management chain, nearest first. */
  managerUnionIds: string[];
  displayName?: string;
}

export const NO_FACTS: DirectoryFacts = { departmentIds: [], departmentIdsWithAncestors: [], managerUnionIds: [] };

/** The audience keys of a log that `author` writes with `visibility`. */
export function audienceKeys(authorUnionId: string, author: DirectoryFacts, visibility: WorkLogVisibility, readerUnionIds: string[]): string[] {
  const keys = new Set([personKey(authorUnionId)]);
  switch (visibility) {
    case WorkLogVisibility.CORP:
      keys.add(EVERYONE);
      break;
    case WorkLogVisibility.PEOPLE:
      for (const unionId of readerUnionIds) keys.add(personKey(unionId));
      break;
    case WorkLogVisibility.TEAM:
      for (const id of author.departmentIds) keys.add(teamKey(id));
      for (const unionId of author.managerUnionIds) keys.add(personKey(unionId));
      break;
    case WorkLogVisibility.DEPARTMENT:
      for (const id of author.departmentIds) keys.add(subtreeKey(id));
      for (const unionId of author.managerUnionIds) keys.add(personKey(unionId));
      break;
  }
  return [...keys];
}

/** The keys a viewer holds (see above). */
export function viewerKeys(unionId: string, viewer: DirectoryFacts): string[] {
  return [
    EVERYONE,
    personKey(unionId),
    ...viewer.departmentIds.map(teamKey),
    ...[...new Set(viewer.departmentIdsWithAncestors)].map(subtreeKey),
  ];
}

/** Callers that read every log of their corp (a department admin: of their subtree, through the people scope); finance reads as a person. */
export function readsEverything(auth: AuthContext): boolean {
  return auth.role !== Role.EMPLOYEE && auth.role !== Role.VENDOR && auth.role !== Role.FINANCE;
}
