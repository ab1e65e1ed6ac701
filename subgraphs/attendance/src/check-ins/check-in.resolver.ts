import { Arg, Authorized, Ctx, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/core';
import { Connection, MediaReference, Role, errors, mediaReference, transactionalIdempotent } from '@corphub/module-kit';
import type { RuleVersion } from '../rules/rule.entity';
import { evaluate, rulesFor } from '../rules/rule.service';
import type { AttendanceContext } from '../context';
import { EmployeeStub } from '../employees/employee.stub';
import { clock } from '../clock';
import { localParts } from '../time';
import { CheckIn, CheckInException, CheckInType, exceptionsOf } from './check-in.entity';
import { CheckInInput } from './check-in.inputs';

@ObjectType()
export class CheckInConnection extends Connection(CheckIn) {}

/** Seconds after local midnight of the person's first on-duty check-in that day, if any. */
async function firstInSeconds(em: EntityManager, unionId: string, localDate: string, version: RuleVersion): Promise<number | null> {
  const first = await em.findOne(CheckIn, { unionId, localDate, type: CheckInType.ON_DUTY }, { orderBy: { checkedAt: 'asc' } });
  return first ? localParts(first.checkedAt, version.timezone).seconds : null;
}

@Resolver(() => CheckIn)
export class CheckInResolver {
  @FieldResolver(() => [CheckInException])
  exceptions(@Root() checkIn: CheckIn): CheckInException[] {
    return exceptionsOf(checkIn);
  }

  @FieldResolver(() => Boolean, { description: 'Written by an approved make-up request, not checked in by the person.' })
  madeUp(@Root() checkIn: CheckIn): boolean {
    return !!checkIn.makeUpRequestId;
  }

  @FieldResolver(() => MediaReference, { nullable: true, description: 'The landmark photo.' })
  photo(@Root() checkIn: CheckIn): MediaReference | null {
    return mediaReference(checkIn.photoId);
  }

  @FieldResolver(() => EmployeeStub)
  employee(@Root() checkIn: CheckIn): EmployeeStub {
    return { unionId: checkIn.unionId };
  }

  @Authorized(Role.EMPLOYEE)
  @Mutation(() => CheckIn, { description: 'Checks the caller in (or out) now, judged by the rule in force for them.' })
  async checkIn(@Arg('input', () => CheckInInput) input: CheckInInput, @Ctx() { auth, em, loaders, services, requestId }: AttendanceContext): Promise<CheckIn> {
    const unionId = auth.unionId;
    if (!unionId) throw errors.FORBIDDEN('Only an employee with a UnionID checks in, for themself');
    const { idempotencyKey } = input;
    if (idempotencyKey) {
      const earlier = await em.findOne(CheckIn, { unionId, idempotencyKey });
      if (earlier) return earlier;
    }
    const at = clock.now();
    const [person, book] = await Promise.all([loaders.targets.load(unionId), loaders.ruleBook()]);
    const version = rulesFor(book, person).at(at);
    if (input.type === CheckInType.FIELD && version?.fieldPhotoRequired && !input.photoId) {
      throw errors.BAD_USER_INPUT('A field check-in needs a landmark photo (photoId) under this rule', { reason: 'PHOTO_REQUIRED' });
    }
    if (input.photoId) {
      const kind = await services.graph.mediaKind(auth.corpId, input.photoId, requestId);
      if (!kind) throw errors.BAD_USER_INPUT(`No media "${input.photoId}" in this corp: upload the photo to /media first`, { reason: 'UNKNOWN_PHOTO' });
      if (kind !== 'IMAGE') throw errors.BAD_USER_INPUT(`Media "${input.photoId}" is ${kind}, not an IMAGE`, { reason: 'NOT_AN_IMAGE' });
    }
    return transactionalIdempotent(em, async (tx) => {
      if (idempotencyKey) {
        const earlier = await tx.findOne(CheckIn, { unionId, idempotencyKey });
        if (earlier) return earlier;
      }
      const checkIn = new CheckIn(unionId, input.type, at, { late: false, earlyLeave: false, outOfRange: false });
      Object.assign(checkIn, {
        latitude: input.location?.latitude ?? null,
        longitude: input.location?.longitude ?? null,
        accuracyMeters: input.location?.accuracyMeters ?? null,
        wifiSsid: input.wifi?.ssid ?? null,
        wifiBssid: input.wifi?.bssid.toLowerCase() ?? null,
        photoId: input.photoId ?? null,
        note: input.note ?? null,
        idempotencyKey: idempotencyKey ?? null,
      });
      if (version) {
        const localDate = localParts(at, version.timezone).date;
        const first = input.type === CheckInType.OFF_DUTY ? await firstInSeconds(tx, unionId, localDate, version) : null;
        const result = evaluate(version, { type: input.type, at, location: input.location, bssid: input.wifi?.bssid, firstInSeconds: first }, book.calendar);
        Object.assign(checkIn, { ...result, ruleId: version.ruleId, ruleVersionId: version.id });
      } else {
        // no rule applies: recorded on the UTC day, without exceptions
        checkIn.localDate = localParts(at, 'UTC').date;
      }
      tx.persist(checkIn);
      return checkIn;
    });
  }
}
