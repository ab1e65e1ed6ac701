import { Money, OutboxMessage } from '@corphub/shared';
import { ApprovalStep, ClaimEvent, ExpenseClaim, ExpenseSettings, LineItem, StepApprover } from './claims/claim.entity';

export const entities = [Money, ExpenseClaim, LineItem, ApprovalStep, StepApprover, ClaimEvent, ExpenseSettings, OutboxMessage];
