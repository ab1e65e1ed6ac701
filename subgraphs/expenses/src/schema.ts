import { buildFederatedSchema } from '@corphub/module-kit';
import { ApprovalStepResolver, ClaimResolver, EmployeeClaimsResolver, EmployeeStub, LineItemResolver, StepApproverResolver } from './claims/claim.resolver';
import { ReportResolver } from './reports/report.resolver';
import { ApprovalRequestClaimResolver, ApprovalRequestStub } from './claims/approval-request.resolver';

export function buildSchema() {
  return buildFederatedSchema({
    module: 'expenses',
    resolvers: [ClaimResolver, LineItemResolver, ApprovalStepResolver, StepApproverResolver, EmployeeClaimsResolver, ReportResolver, ApprovalRequestClaimResolver],
    orphanedTypes: [EmployeeStub, ApprovalRequestStub],
    // expenses adds fields to Employee; the directory owns it (and decides who may see whom)
    // and to ApprovalRequest, which approvals owns: the gateway brings the fields its `expenseClaim` requires
    references: { Employee: (ref: { unionId: string }) => ref, ApprovalRequest: (ref: ApprovalRequestStub) => ref },
  });
}
