import { buildFederatedSchema } from '@corphub/module-kit';
import { ApprovalStepResolver, ClaimResolver, EmployeeClaimsResolver, EmployeeStub, LineItemResolver, StepApproverResolver } from './claims/claim.resolver';
import { ReportResolver } from './reports/report.resolver';

export function buildSchema() {
  return buildFederatedSchema({
    module: 'expenses',
    resolvers: [ClaimResolver, LineItemResolver, ApprovalStepResolver, StepApproverResolver, EmployeeClaimsResolver, ReportResolver],
    orphanedTypes: [EmployeeStub],
    // expenses adds fields to Employee; the directory owns it (and decides who may see whom)
    references: { Employee: (ref: { unionId: string }) => ref },
  });
}
