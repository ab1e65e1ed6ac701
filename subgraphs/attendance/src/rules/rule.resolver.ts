import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CORP_READERS, Role, errors } from '@corphub/module-kit';
import type { AttendanceContext } from '../context';
import { clock } from '../clock';
import { addDays, localParts } from '../time';
import { CheckInRule, RuleStatus, RuleVersion } from './rule.entity';
import { CreateCheckInRuleInput, UpdateCheckInRuleInput } from './rule.inputs';
import { applySettings, applyTargets, copySettings, versionOn } from './rule.service';

const today = (timezone: string) => localParts(clock.now(), timezone).date;

@Resolver(() => CheckInRule)
export class CheckInRuleResolver {
  @Authorized(...CORP_READERS)
  @Query(() => [CheckInRule], { description: "The corp's check-in rules, oldest first." })
  checkInRules(@Arg('includeRetired', () => Boolean, { defaultValue: false }) includeRetired: boolean, @Ctx() { em }: AttendanceContext) {
    return em.find(CheckInRule, includeRetired ? {} : { status: RuleStatus.ACTIVE }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  @Authorized(...CORP_READERS)
  @Query(() => CheckInRule)
  async checkInRule(@Arg('id', () => ID) id: string, @Ctx() { em }: AttendanceContext) {
    const rule = await em.findOne(CheckInRule, { id });
    if (!rule) throw errors.NOT_FOUND(`No check-in rule "${id}"`);
    return rule;
  }

  @FieldResolver(() => RuleVersion, { nullable: true, description: 'The settings in force today (in the rule’s zone).' })
  async current(@Root() rule: CheckInRule, @Ctx() { loaders }: AttendanceContext) {
    const book = await loaders.ruleBook();
    const versions = book.versions.get(rule.id) ?? [];
    const latest = versions.at(-1);
    return latest ? versionOn(book, rule, today(latest.timezone)) : null;
  }

  @FieldResolver(() => [ID], { description: 'Departments it applies to today (see `current`; a change from tomorrow is in `versions`).' })
  async departmentIds(@Root() rule: CheckInRule, @Ctx() context: AttendanceContext): Promise<string[]> {
    return (await this.current(rule, context))?.departmentIds ?? [];
  }

  @FieldResolver(() => [ID], { description: 'Employees (UnionIDs) it applies to today.' })
  async unionIds(@Root() rule: CheckInRule, @Ctx() context: AttendanceContext): Promise<string[]> {
    return (await this.current(rule, context))?.unionIds ?? [];
  }

  @FieldResolver(() => [String], { description: 'Employee tags it applies to today.' })
  async tags(@Root() rule: CheckInRule, @Ctx() context: AttendanceContext): Promise<string[]> {
    return (await this.current(rule, context))?.tags ?? [];
  }

  @FieldResolver(() => [RuleVersion], { description: 'Every version, oldest first; a future one is pending.' })
  async versions(@Root() rule: CheckInRule, @Ctx() { loaders }: AttendanceContext) {
    return (await loaders.ruleBook()).versions.get(rule.id) ?? [];
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CheckInRule, { description: 'A rule in force from today (in its zone).' })
  async createCheckInRule(@Arg('input', () => CreateCheckInRuleInput) input: CreateCheckInRuleInput, @Ctx() { em }: AttendanceContext) {
    return em.transactional((tx) => {
      const rule = new CheckInRule(input.name);
      const version = new RuleVersion(rule.id, today(input.settings.timezone));
      applySettings(version, input.settings);
      if (input.appliesTo) applyTargets(version, input.appliesTo);
      tx.persist([rule, version]);
      return Promise.resolve(rule);
    });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CheckInRule, { description: 'New settings or targets apply from tomorrow (in the rule’s zone): past and today’s check-ins and days keep their results.' })
  async updateCheckInRule(@Arg('input', () => UpdateCheckInRuleInput) input: UpdateCheckInRuleInput, @Ctx() { em }: AttendanceContext) {
    return em.transactional(async (tx) => {
      const rule = await tx.findOne(CheckInRule, { id: input.id });
      if (!rule) throw errors.NOT_FOUND(`No check-in rule "${input.id}"`);
      if (rule.status === RuleStatus.RETIRED) throw errors.CONFLICT('A retired rule cannot change');
      if (input.name) rule.name = input.name;
      if (input.settings || input.appliesTo) {
        const latest = await tx.findOneOrFail(RuleVersion, { ruleId: rule.id }, { orderBy: { effectiveFrom: 'desc' } });
        const effectiveFrom = addDays(today(input.settings?.timezone ?? latest.timezone), 1);
        let version = latest.effectiveFrom === effectiveFrom ? latest : null;
        if (!version) {
          // a change to part of a rule carries the rest over, as it stands from tomorrow
          version = new RuleVersion(rule.id, effectiveFrom);
          copySettings(version, latest);
          tx.persist(version);
        }
        if (input.settings) applySettings(version, input.settings);
        if (input.appliesTo) applyTargets(version, input.appliesTo);
      }
      return rule;
    });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CheckInRule, { description: 'Out of force from tomorrow (in the rule’s zone); its past stays.' })
  async retireCheckInRule(@Arg('id', () => ID) id: string, @Ctx() { em }: AttendanceContext) {
    return em.transactional(async (tx) => {
      const rule = await tx.findOne(CheckInRule, { id });
      if (!rule) throw errors.NOT_FOUND(`No check-in rule "${id}"`);
      if (rule.status === RuleStatus.RETIRED) return rule;
      const latest = await tx.findOne(RuleVersion, { ruleId: id }, { orderBy: { effectiveFrom: 'desc' } });
      rule.status = RuleStatus.RETIRED;
      rule.retiredFrom = addDays(today(latest?.timezone ?? 'UTC'), 1);
      return rule;
    });
  }
}
