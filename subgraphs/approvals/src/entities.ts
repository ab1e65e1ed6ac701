import { OutboxEvent, OutboxMessage } from '@corphub/module-kit';
import { ApprovalApprover, ApprovalEvent, ApprovalRequest, ApprovalStep } from './approvals/approval.entity';

export const entities = [ApprovalRequest, ApprovalStep, ApprovalApprover, ApprovalEvent, OutboxMessage, OutboxEvent];
