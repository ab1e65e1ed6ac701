import { Money, OutboxMessage } from '@corphub/module-kit';
import { ApprovalStep, ClaimEvent, ExpenseClaim, ExpenseSettings, LineItem, StepApprover } from './claims/claim.entity';

export const entities = [Money, ExpenseClaim, LineItem, ApprovalStep, StepApprover, ClaimEvent, ExpenseSettings, OutboxMessage];
