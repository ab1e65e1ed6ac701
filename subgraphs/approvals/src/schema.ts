import { buildFederatedSchema } from '@corphub/module-kit';
import { ApprovalApproverResolver, ApprovalResolver, ApprovalStepResolver, EmployeeStub } from './approvals/approval.resolver';
import { ViewerApprovalsResolver, ViewerStub } from './viewer/viewer.resolver';
import { canSee } from './approvals/approval.service';
import type { ApprovalsContext } from './context';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [ApprovalResolver, ApprovalStepResolver, ApprovalApproverResolver, ViewerApprovalsResolver],
    orphanedTypes: [EmployeeStub, ViewerStub],
    references: {
      Employee: (ref: { unionId: string }) => ref,
      Viewer: (ref: { subject: string }) => ref,
      // modules that add their subject to a request come back here for its fields; seen only by who may see it
      ApprovalRequest: async (ref: { id: string }, { auth, loaders }: ApprovalsContext) => {
        const request = await loaders.approvalById.load(ref.id);
        return request && (await canSee(auth, request, () => loaders.callerApproves.load(ref.id))) ? request : null;
      },
    },
  });
}
