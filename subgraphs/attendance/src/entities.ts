import { CheckInRule, RuleVersion } from './rules/rule.entity';
import { CheckIn } from './check-ins/check-in.entity';

export const entities = [CheckInRule, RuleVersion, CheckIn];
