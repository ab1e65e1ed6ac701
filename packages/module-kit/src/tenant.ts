import { Filter, Property, Utils, type EntityManager, type EventSubscriber, type FlushEventArgs, ChangeSetType } from '@mikro-orm/core';

/** The MikroORM filter that scopes every read to the caller's corp. */
export const CORP_FILTER = 'corp';

export interface CorpFilterParams {
  corpId: string;
}

/** The corp the entity manager acts for, as set from the verified context; throws when none was set. */
export function corpIdOf(em: EntityManager): string {
  const params = em.getFilterParams<CorpFilterParams>(CORP_FILTER);
  if (!params?.corpId) throw new Error('No corp in scope: fork the entity manager with scopeToCorp() first');
  return params.corpId;
}

/** Scopes an entity manager (normally a fresh per-request fork) to one corp, for reads and writes. */
export function scopeToCorp<T extends EntityManager>(em: T, corpId: string): T {
  em.setFilterParams(CORP_FILTER, { corpId } satisfies CorpFilterParams);
  return em;
}

/**
 * Every tenant row extends this. Reads get `corpId = :corp` through the default filter (and fail
 * closed when no corp was set); creates get the corp from the scoped entity manager. So no resolver
 * passes corpId by hand and none can forget it.
 */
@Filter({ name: CORP_FILTER, cond: (params: CorpFilterParams) => ({ corpId: params.corpId }), default: true })
export abstract class CorpScoped {
  @Property({ type: 'string', length: 64, index: true, onCreate: (_entity: object, em: EntityManager) => corpIdOf(em) })
  corpId!: string;
}

/** Refuses a flush that would write a row into another corp or move a row between corps. */
export class CorpScopeGuard implements EventSubscriber {
  onFlush({ em, uow }: FlushEventArgs): void {
    for (const changeSet of uow.getChangeSets()) {
      if (!(changeSet.entity instanceof CorpScoped)) continue;
      if (changeSet.type === ChangeSetType.CREATE && changeSet.entity.corpId !== corpIdOf(em)) {
        throw new Error(`Refused to create ${changeSet.name} in corp ${changeSet.entity.corpId} from corp ${corpIdOf(em)}`);
      }
      if (changeSet.type === ChangeSetType.UPDATE && 'corpId' in changeSet.payload) {
        throw new Error(`Refused to move ${changeSet.name} to another corp`);
      }
    }
  }
}

/** The MikroORM filter that narrows people-keyed rows to an app's visibility scope. */
export const PEOPLE_SCOPE_FILTER = 'peopleScope';

/** How each `@PeopleScoped` entity names its person: a UnionID column, or a relation and that entity's column. */
const peopleKeys = new Map<Function, { property: string; via?: string }>();

/**
 * Narrows an entity manager (a per-request fork) to the UnionIDs of a vendor app's scope; `undefined`, the
 * whole corp, adds nothing. The filter exists only on a scoped request's fork: every other request's queries
 * are built exactly as without it (a filter registered on every entity made MikroORM join filtered relations
 * on every read, which slowed the logs dashboard).
 */
export function scopeToPeople<T extends EntityManager>(em: T, unionIds: readonly string[] | undefined): T {
  if (!unionIds) return em;
  const inScope = { $in: [...unionIds] };
  const conditions = new Map<string, Record<string, unknown>>();
  for (const meta of Object.values(em.getMetadata().getAll())) {
    const key = meta.class && peopleKeys.get(meta.class);
    if (key) conditions.set(meta.className, { [key.property]: key.via ? { [key.via]: inScope } : inScope });
  }
  em.addFilter(
    PEOPLE_SCOPE_FILTER,
    (_args: unknown, _type: unknown, _em: unknown, _options: unknown, entityName?: unknown) => conditions.get(Utils.className(entityName as string)) ?? {},
    [...conditions.keys()],
    { args: false },
  );
  return em;
}

/**
 * On an entity that is (or belongs to) one person: reads through a request of a scoped vendor app see only
 * rows whose `property` (a UnionID, or a relation to a people-keyed entity) is inside the app's scope. The
 * kernel narrows each request's entity manager from the verified context, so lists, counts, lookups, loaders
 * and query builders that apply filters are all narrowed, and no resolver checks it by hand.
 *
 * `@PeopleScoped('unionId')` on `Employee`; `@PeopleScoped('person')` on a row pointing to `Person`;
 * `@PeopleScoped('employee', 'unionId')` on a row pointing to `Employee`.
 */
export function PeopleScoped(property: string, via?: string): ClassDecorator {
  return (target) => {
    peopleKeys.set(target, { property, via });
  };
}
