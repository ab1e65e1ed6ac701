import { Filter, Property, type EntityManager, type EventSubscriber, type FlushEventArgs, ChangeSetType } from '@mikro-orm/core';

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

export interface PeopleScopeFilterParams {
  /** The UnionIDs the caller may see; `null` or unset: everyone in the corp. */
  unionIds: string[] | null;
}

/** Narrows an entity manager to the UnionIDs of a vendor app's scope (`undefined`: the whole corp). */
export function scopeToPeople<T extends EntityManager>(em: T, unionIds: readonly string[] | undefined): T {
  em.setFilterParams(PEOPLE_SCOPE_FILTER, { unionIds: unionIds ? [...unionIds] : null } satisfies PeopleScopeFilterParams);
  return em;
}

/**
 * On an entity that is (or belongs to) one person: reads through a request of a scoped vendor app see only
 * rows whose `property` (a UnionID, or a relation to a people-keyed entity) is inside the app's scope. The
 * kernel sets the scope from the verified context once per request, so lists, counts, lookups and loaders
 * are all narrowed, and no resolver checks it by hand.
 *
 * `@PeopleScoped('unionId')` on `Employee`; `@PeopleScoped('person')` on a row pointing to `Person`.
 */
export function PeopleScoped(property: string, via?: string): ClassDecorator {
  return Filter({
    name: PEOPLE_SCOPE_FILTER,
    default: true,
    // unset params mean "no scope": seeds, migrations and core code outside a request are not narrowed
    args: false,
    cond: (params?: PeopleScopeFilterParams) => {
      if (!params?.unionIds) return {};
      const inScope = { $in: params.unionIds };
      return { [property]: via ? { [via]: inScope } : inScope };
    },
  });
}
