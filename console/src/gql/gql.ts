/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Viewer {\n    me {\n      role\n      unionId\n      corp {\n        id\n        name\n      }\n      person {\n        displayName\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query DepartmentOptions {\n    departments {\n      id\n      name\n      depth\n    }\n  }\n": typeof types.DepartmentOptionsDocument,
    "\n  query ManagerOptions {\n    employees(first: 500, filter: { status: ACTIVE }) {\n      nodes {\n        unionId\n        displayName\n      }\n    }\n  }\n": typeof types.ManagerOptionsDocument,
    "\n  mutation RecordExport($input: RecordExportInput!) {\n    recordExport(input: $input) {\n      id\n    }\n  }\n": typeof types.RecordExportDocument,
    "\n  query ViewerRole {\n    me {\n      role\n      unionId\n      department\n    }\n  }\n": typeof types.ViewerRoleDocument,
    "\n  query ApprovalsInbox($first: Int!) {\n    me {\n      pendingApprovals(first: $first) {\n        totalCount\n        nodes {\n          id\n          title\n          subjectType\n          createdAt\n          currentStep\n          amount {\n            amount\n            currency\n          }\n          requester {\n            unionId\n            displayName\n          }\n          steps {\n            position\n            label\n          }\n        }\n      }\n    }\n  }\n": typeof types.ApprovalsInboxDocument,
    "\n  query ApprovalRequestDetail($id: ID!) {\n    approvalRequest(id: $id) {\n      id\n      title\n      summary\n      status\n      version\n      subjectType\n      currentStep\n      createdAt\n      amount {\n        amount\n        currency\n      }\n      requester {\n        unionId\n        displayName\n      }\n      steps {\n        position\n        label\n        status\n        approvers {\n          approverUnionId\n          decision\n          waiting\n          approver {\n            displayName\n          }\n        }\n      }\n      history {\n        id\n        action\n        actor\n        comment\n        at\n      }\n      expenseClaim {\n        id\n        title\n        totals {\n          amount\n          currency\n        }\n        items {\n          id\n          category\n          incurredOn\n          merchant\n          note\n          amount {\n            amount\n            currency\n          }\n          invoice {\n            id\n            mimeType\n            url\n          }\n        }\n      }\n    }\n  }\n": typeof types.ApprovalRequestDetailDocument,
    "\n  mutation DecideApproval($input: DecideApprovalInput!) {\n    decideApproval(input: $input) {\n      id\n      status\n      version\n      currentStep\n    }\n  }\n": typeof types.DecideApprovalDocument,
    "\n  query AuditLogPage($first: Int!, $after: String, $person: ID, $action: String, $from: DateTime, $to: DateTime) {\n    auditLog(first: $first, after: $after, person: $person, action: $action, from: $from, to: $to) {\n      totalCount\n      nodes {\n        id\n        occurredAt\n        action\n        actor\n        subjectUnionId\n        target\n        details\n        subject {\n          displayName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AuditLogPageDocument,
    "\n  query AuditPeople {\n    people(first: 500) {\n      nodes {\n        unionId\n        displayName\n      }\n    }\n  }\n": typeof types.AuditPeopleDocument,
    "\n  query DepartmentTree {\n    departments {\n      id\n      name\n      depth\n    }\n  }\n": typeof types.DepartmentTreeDocument,
    "\n  query DepartmentMonth($id: ID!, $from: LocalDate!, $to: LocalDate!, $fromMonth: String!, $toMonth: String!, $first: Int!) {\n    department(id: $id) {\n      id\n      name\n      members(first: $first, includeSubdepartments: true) {\n        totalCount\n        nodes {\n          unionId\n          displayName\n          title\n          attendance(from: $from, to: $to) {\n            lateCount\n            absentDays\n          }\n          attendanceDays(from: $from, to: $to) {\n            date\n            exceptions\n          }\n          expenseClaims(status: SUBMITTED, first: 1) {\n            totalCount\n            totals {\n              amount\n              currency\n            }\n          }\n        }\n      }\n    }\n    expenseReport(departmentId: $id, fromMonth: $fromMonth, toMonth: $toMonth) {\n      rows {\n        category\n        amount {\n          amount\n          currency\n        }\n      }\n    }\n    workLogFeed(kind: DAILY, first: 500) {\n      nodes {\n        date\n        author {\n          unionId\n        }\n      }\n    }\n  }\n": typeof types.DepartmentMonthDocument,
    "\n  query MemberLastLogs($unionIds: [ID!]!) {\n    employeesByUnionIds(unionIds: $unionIds) {\n      unionId\n      workLogs(first: 1) {\n        nodes {\n          date\n          text\n          voice {\n            url\n            durationSeconds\n          }\n        }\n      }\n    }\n  }\n": typeof types.MemberLastLogsDocument,
    "\n  query MessageAudience {\n    departments {\n      id\n      name\n      depth\n    }\n    tags {\n      name\n    }\n  }\n": typeof types.MessageAudienceDocument,
    "\n  query MessagePeopleSearch($query: String!) {\n    employees(first: 10, filter: { query: $query }) {\n      nodes {\n        unionId\n        displayName\n        title\n      }\n    }\n  }\n": typeof types.MessagePeopleSearchDocument,
    "\n  query SentMessages($first: Int!) {\n    sentMessages(first: $first) {\n      nodes {\n        id\n        title\n        priority\n        recipientCount\n        readCount\n        createdAt\n        app {\n          name\n        }\n        sentBy {\n          displayName\n        }\n      }\n    }\n  }\n": typeof types.SentMessagesDocument,
    "\n  mutation SendConsoleMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n      recipientCount\n      readCount\n    }\n  }\n": typeof types.SendConsoleMessageDocument,
    "\n  fragment ScopeFields on AppScope {\n    wholeCorp\n    departmentIds\n    tags\n    unionIds\n  }\n": typeof types.ScopeFieldsFragmentDoc,
    "\n  query ModuleCatalogue {\n    apps(first: 200) {\n      nodes {\n        appId\n        name\n        vendor\n        description\n        subgraph\n        installation {\n          status\n          installedAt\n          scope {\n            ...ScopeFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.ModuleCatalogueDocument,
    "\n  mutation InstallModule($appId: ID!) {\n    installApp(appId: $appId) {\n      id\n      status\n    }\n  }\n": typeof types.InstallModuleDocument,
    "\n  mutation UninstallModule($appId: ID!) {\n    uninstallApp(appId: $appId) {\n      id\n      status\n    }\n  }\n": typeof types.UninstallModuleDocument,
    "\n  mutation UpdateModuleScope($appId: ID!, $scope: AppScopeInput!) {\n    updateInstallationScope(appId: $appId, scope: $scope) {\n      id\n      scope {\n        ...ScopeFields\n      }\n    }\n  }\n": typeof types.UpdateModuleScopeDocument,
    "\n  query TagOptions {\n    tags {\n      name\n    }\n  }\n": typeof types.TagOptionsDocument,
    "\n  query ModuleRegistry($name: String!) {\n    moduleSubgraph(name: $name) {\n      id\n      name\n      currentVersion\n      retiredAt\n    }\n  }\n": typeof types.ModuleRegistryDocument,
    "\n  query ModuleVersions($name: String!) {\n    subgraphVersions(name: $name, first: 20) {\n      nodes {\n        version\n        publishedAt\n        publishedBy\n        forced\n        changes {\n          level\n          path\n          message\n        }\n      }\n    }\n  }\n": typeof types.ModuleVersionsDocument,
    "\n  query ModuleDeliveries($appId: ID!) {\n    webhookDeliveries(appId: $appId, first: 50) {\n      nodes {\n        id\n        eventType\n        status\n        attempts\n        lastStatusCode\n        lastError\n        createdAt\n      }\n    }\n  }\n": typeof types.ModuleDeliveriesDocument,
    "\n  mutation RedeliverWebhook($id: ID!) {\n    redeliverWebhook(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.RedeliverWebhookDocument,
    "\n  query OverviewCorpZone {\n    me {\n      corp {\n        id\n        timezone\n      }\n    }\n  }\n": typeof types.OverviewCorpZoneDocument,
    "\n  query OverviewToday($date: LocalDate!) {\n    dayAttendance(date: $date, first: 8) {\n      date\n      memberCount\n      workingCount\n      checkedInCount\n      lateCount\n      onLeaveCount\n      notCheckedInCount\n      late {\n        displayName\n      }\n      notCheckedIn {\n        displayName\n      }\n    }\n  }\n": typeof types.OverviewTodayDocument,
    "\n  query OverviewWaitingClaims($first: Int!) {\n    approvalRequests(status: PENDING, subjectType: \"ExpenseClaim\", first: $first) {\n      totalCount\n      nodes {\n        id\n        currentStep\n        steps {\n          position\n          label\n        }\n      }\n    }\n  }\n": typeof types.OverviewWaitingClaimsDocument,
    "\n  query OverviewSentMessages($first: Int!) {\n    sentMessages(first: $first) {\n      nodes {\n        id\n        title\n        priority\n        recipientCount\n        readCount\n        createdAt\n      }\n    }\n  }\n": typeof types.OverviewSentMessagesDocument,
    "\n  query OverviewInstalledModules {\n    installations(first: 100) {\n      nodes {\n        id\n        status\n        app {\n          appId\n          name\n          vendor\n        }\n      }\n    }\n  }\n": typeof types.OverviewInstalledModulesDocument,
    "\n  query PeopleSearch($first: Int!, $filter: EmployeeFilter) {\n    employees(first: $first, filter: $filter) {\n      totalCount\n      nodes {\n        unionId\n        displayName\n        title\n        status\n        department {\n          id\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": typeof types.PeopleSearchDocument,
    "\n  mutation AddPerson($input: AddPersonInput!) {\n    addPerson(input: $input) {\n      unionId\n    }\n  }\n": typeof types.AddPersonDocument,
    "\n  mutation HireEmployee($input: HireEmployeeInput!) {\n    hireEmployee(input: $input) {\n      unionId\n    }\n  }\n": typeof types.HireEmployeeDocument,
    "\n  query PersonPage($unionId: ID!, $withOpenIds: Boolean!) {\n    person(unionId: $unionId) {\n      unionId\n      displayName\n      email\n      adminRole {\n        role\n        departmentId\n      }\n      openIds @include(if: $withOpenIds) {\n        openId\n        app {\n          appId\n          name\n        }\n      }\n      employee {\n        status\n        title\n        joinedAt\n        leftAt\n        departments {\n          id\n          name\n        }\n        managers {\n          unionId\n          displayName\n        }\n        directReports {\n          unionId\n          displayName\n        }\n        tags {\n          name\n        }\n      }\n    }\n  }\n": typeof types.PersonPageDocument,
    "\n  mutation GrantRole($input: GrantAdminRoleInput!) {\n    grantAdminRole(input: $input) {\n      unionId\n      role\n    }\n  }\n": typeof types.GrantRoleDocument,
    "\n  mutation RevokeRole($unionId: ID!) {\n    revokeAdminRole(unionId: $unionId)\n  }\n": typeof types.RevokeRoleDocument,
    "\n  mutation TransferEmployee($unionId: ID!, $input: TransferEmployeeInput!) {\n    transferEmployee(unionId: $unionId, input: $input) {\n      unionId\n    }\n  }\n": typeof types.TransferEmployeeDocument,
    "\n  mutation OffboardEmployee($unionId: ID!, $leftAt: LocalDate) {\n    offboardEmployee(unionId: $unionId, leftAt: $leftAt) {\n      unionId\n      status\n    }\n  }\n": typeof types.OffboardEmployeeDocument,
    "\n  mutation RehireEmployee($unionId: ID!, $joinedAt: LocalDate) {\n    rehireEmployee(unionId: $unionId, joinedAt: $joinedAt) {\n      unionId\n      status\n    }\n  }\n": typeof types.RehireEmployeeDocument,
};
const documents: Documents = {
    "\n  query Viewer {\n    me {\n      role\n      unionId\n      corp {\n        id\n        name\n      }\n      person {\n        displayName\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  query DepartmentOptions {\n    departments {\n      id\n      name\n      depth\n    }\n  }\n": types.DepartmentOptionsDocument,
    "\n  query ManagerOptions {\n    employees(first: 500, filter: { status: ACTIVE }) {\n      nodes {\n        unionId\n        displayName\n      }\n    }\n  }\n": types.ManagerOptionsDocument,
    "\n  mutation RecordExport($input: RecordExportInput!) {\n    recordExport(input: $input) {\n      id\n    }\n  }\n": types.RecordExportDocument,
    "\n  query ViewerRole {\n    me {\n      role\n      unionId\n      department\n    }\n  }\n": types.ViewerRoleDocument,
    "\n  query ApprovalsInbox($first: Int!) {\n    me {\n      pendingApprovals(first: $first) {\n        totalCount\n        nodes {\n          id\n          title\n          subjectType\n          createdAt\n          currentStep\n          amount {\n            amount\n            currency\n          }\n          requester {\n            unionId\n            displayName\n          }\n          steps {\n            position\n            label\n          }\n        }\n      }\n    }\n  }\n": types.ApprovalsInboxDocument,
    "\n  query ApprovalRequestDetail($id: ID!) {\n    approvalRequest(id: $id) {\n      id\n      title\n      summary\n      status\n      version\n      subjectType\n      currentStep\n      createdAt\n      amount {\n        amount\n        currency\n      }\n      requester {\n        unionId\n        displayName\n      }\n      steps {\n        position\n        label\n        status\n        approvers {\n          approverUnionId\n          decision\n          waiting\n          approver {\n            displayName\n          }\n        }\n      }\n      history {\n        id\n        action\n        actor\n        comment\n        at\n      }\n      expenseClaim {\n        id\n        title\n        totals {\n          amount\n          currency\n        }\n        items {\n          id\n          category\n          incurredOn\n          merchant\n          note\n          amount {\n            amount\n            currency\n          }\n          invoice {\n            id\n            mimeType\n            url\n          }\n        }\n      }\n    }\n  }\n": types.ApprovalRequestDetailDocument,
    "\n  mutation DecideApproval($input: DecideApprovalInput!) {\n    decideApproval(input: $input) {\n      id\n      status\n      version\n      currentStep\n    }\n  }\n": types.DecideApprovalDocument,
    "\n  query AuditLogPage($first: Int!, $after: String, $person: ID, $action: String, $from: DateTime, $to: DateTime) {\n    auditLog(first: $first, after: $after, person: $person, action: $action, from: $from, to: $to) {\n      totalCount\n      nodes {\n        id\n        occurredAt\n        action\n        actor\n        subjectUnionId\n        target\n        details\n        subject {\n          displayName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AuditLogPageDocument,
    "\n  query AuditPeople {\n    people(first: 500) {\n      nodes {\n        unionId\n        displayName\n      }\n    }\n  }\n": types.AuditPeopleDocument,
    "\n  query DepartmentTree {\n    departments {\n      id\n      name\n      depth\n    }\n  }\n": types.DepartmentTreeDocument,
    "\n  query DepartmentMonth($id: ID!, $from: LocalDate!, $to: LocalDate!, $fromMonth: String!, $toMonth: String!, $first: Int!) {\n    department(id: $id) {\n      id\n      name\n      members(first: $first, includeSubdepartments: true) {\n        totalCount\n        nodes {\n          unionId\n          displayName\n          title\n          attendance(from: $from, to: $to) {\n            lateCount\n            absentDays\n          }\n          attendanceDays(from: $from, to: $to) {\n            date\n            exceptions\n          }\n          expenseClaims(status: SUBMITTED, first: 1) {\n            totalCount\n            totals {\n              amount\n              currency\n            }\n          }\n        }\n      }\n    }\n    expenseReport(departmentId: $id, fromMonth: $fromMonth, toMonth: $toMonth) {\n      rows {\n        category\n        amount {\n          amount\n          currency\n        }\n      }\n    }\n    workLogFeed(kind: DAILY, first: 500) {\n      nodes {\n        date\n        author {\n          unionId\n        }\n      }\n    }\n  }\n": types.DepartmentMonthDocument,
    "\n  query MemberLastLogs($unionIds: [ID!]!) {\n    employeesByUnionIds(unionIds: $unionIds) {\n      unionId\n      workLogs(first: 1) {\n        nodes {\n          date\n          text\n          voice {\n            url\n            durationSeconds\n          }\n        }\n      }\n    }\n  }\n": types.MemberLastLogsDocument,
    "\n  query MessageAudience {\n    departments {\n      id\n      name\n      depth\n    }\n    tags {\n      name\n    }\n  }\n": types.MessageAudienceDocument,
    "\n  query MessagePeopleSearch($query: String!) {\n    employees(first: 10, filter: { query: $query }) {\n      nodes {\n        unionId\n        displayName\n        title\n      }\n    }\n  }\n": types.MessagePeopleSearchDocument,
    "\n  query SentMessages($first: Int!) {\n    sentMessages(first: $first) {\n      nodes {\n        id\n        title\n        priority\n        recipientCount\n        readCount\n        createdAt\n        app {\n          name\n        }\n        sentBy {\n          displayName\n        }\n      }\n    }\n  }\n": types.SentMessagesDocument,
    "\n  mutation SendConsoleMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n      recipientCount\n      readCount\n    }\n  }\n": types.SendConsoleMessageDocument,
    "\n  fragment ScopeFields on AppScope {\n    wholeCorp\n    departmentIds\n    tags\n    unionIds\n  }\n": types.ScopeFieldsFragmentDoc,
    "\n  query ModuleCatalogue {\n    apps(first: 200) {\n      nodes {\n        appId\n        name\n        vendor\n        description\n        subgraph\n        installation {\n          status\n          installedAt\n          scope {\n            ...ScopeFields\n          }\n        }\n      }\n    }\n  }\n": types.ModuleCatalogueDocument,
    "\n  mutation InstallModule($appId: ID!) {\n    installApp(appId: $appId) {\n      id\n      status\n    }\n  }\n": types.InstallModuleDocument,
    "\n  mutation UninstallModule($appId: ID!) {\n    uninstallApp(appId: $appId) {\n      id\n      status\n    }\n  }\n": types.UninstallModuleDocument,
    "\n  mutation UpdateModuleScope($appId: ID!, $scope: AppScopeInput!) {\n    updateInstallationScope(appId: $appId, scope: $scope) {\n      id\n      scope {\n        ...ScopeFields\n      }\n    }\n  }\n": types.UpdateModuleScopeDocument,
    "\n  query TagOptions {\n    tags {\n      name\n    }\n  }\n": types.TagOptionsDocument,
    "\n  query ModuleRegistry($name: String!) {\n    moduleSubgraph(name: $name) {\n      id\n      name\n      currentVersion\n      retiredAt\n    }\n  }\n": types.ModuleRegistryDocument,
    "\n  query ModuleVersions($name: String!) {\n    subgraphVersions(name: $name, first: 20) {\n      nodes {\n        version\n        publishedAt\n        publishedBy\n        forced\n        changes {\n          level\n          path\n          message\n        }\n      }\n    }\n  }\n": types.ModuleVersionsDocument,
    "\n  query ModuleDeliveries($appId: ID!) {\n    webhookDeliveries(appId: $appId, first: 50) {\n      nodes {\n        id\n        eventType\n        status\n        attempts\n        lastStatusCode\n        lastError\n        createdAt\n      }\n    }\n  }\n": types.ModuleDeliveriesDocument,
    "\n  mutation RedeliverWebhook($id: ID!) {\n    redeliverWebhook(id: $id) {\n      id\n      status\n    }\n  }\n": types.RedeliverWebhookDocument,
    "\n  query OverviewCorpZone {\n    me {\n      corp {\n        id\n        timezone\n      }\n    }\n  }\n": types.OverviewCorpZoneDocument,
    "\n  query OverviewToday($date: LocalDate!) {\n    dayAttendance(date: $date, first: 8) {\n      date\n      memberCount\n      workingCount\n      checkedInCount\n      lateCount\n      onLeaveCount\n      notCheckedInCount\n      late {\n        displayName\n      }\n      notCheckedIn {\n        displayName\n      }\n    }\n  }\n": types.OverviewTodayDocument,
    "\n  query OverviewWaitingClaims($first: Int!) {\n    approvalRequests(status: PENDING, subjectType: \"ExpenseClaim\", first: $first) {\n      totalCount\n      nodes {\n        id\n        currentStep\n        steps {\n          position\n          label\n        }\n      }\n    }\n  }\n": types.OverviewWaitingClaimsDocument,
    "\n  query OverviewSentMessages($first: Int!) {\n    sentMessages(first: $first) {\n      nodes {\n        id\n        title\n        priority\n        recipientCount\n        readCount\n        createdAt\n      }\n    }\n  }\n": types.OverviewSentMessagesDocument,
    "\n  query OverviewInstalledModules {\n    installations(first: 100) {\n      nodes {\n        id\n        status\n        app {\n          appId\n          name\n          vendor\n        }\n      }\n    }\n  }\n": types.OverviewInstalledModulesDocument,
    "\n  query PeopleSearch($first: Int!, $filter: EmployeeFilter) {\n    employees(first: $first, filter: $filter) {\n      totalCount\n      nodes {\n        unionId\n        displayName\n        title\n        status\n        department {\n          id\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": types.PeopleSearchDocument,
    "\n  mutation AddPerson($input: AddPersonInput!) {\n    addPerson(input: $input) {\n      unionId\n    }\n  }\n": types.AddPersonDocument,
    "\n  mutation HireEmployee($input: HireEmployeeInput!) {\n    hireEmployee(input: $input) {\n      unionId\n    }\n  }\n": types.HireEmployeeDocument,
    "\n  query PersonPage($unionId: ID!, $withOpenIds: Boolean!) {\n    person(unionId: $unionId) {\n      unionId\n      displayName\n      email\n      adminRole {\n        role\n        departmentId\n      }\n      openIds @include(if: $withOpenIds) {\n        openId\n        app {\n          appId\n          name\n        }\n      }\n      employee {\n        status\n        title\n        joinedAt\n        leftAt\n        departments {\n          id\n          name\n        }\n        managers {\n          unionId\n          displayName\n        }\n        directReports {\n          unionId\n          displayName\n        }\n        tags {\n          name\n        }\n      }\n    }\n  }\n": types.PersonPageDocument,
    "\n  mutation GrantRole($input: GrantAdminRoleInput!) {\n    grantAdminRole(input: $input) {\n      unionId\n      role\n    }\n  }\n": types.GrantRoleDocument,
    "\n  mutation RevokeRole($unionId: ID!) {\n    revokeAdminRole(unionId: $unionId)\n  }\n": types.RevokeRoleDocument,
    "\n  mutation TransferEmployee($unionId: ID!, $input: TransferEmployeeInput!) {\n    transferEmployee(unionId: $unionId, input: $input) {\n      unionId\n    }\n  }\n": types.TransferEmployeeDocument,
    "\n  mutation OffboardEmployee($unionId: ID!, $leftAt: LocalDate) {\n    offboardEmployee(unionId: $unionId, leftAt: $leftAt) {\n      unionId\n      status\n    }\n  }\n": types.OffboardEmployeeDocument,
    "\n  mutation RehireEmployee($unionId: ID!, $joinedAt: LocalDate) {\n    rehireEmployee(unionId: $unionId, joinedAt: $joinedAt) {\n      unionId\n      status\n    }\n  }\n": types.RehireEmployeeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      role\n      unionId\n      corp {\n        id\n        name\n      }\n      person {\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      role\n      unionId\n      corp {\n        id\n        name\n      }\n      person {\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DepartmentOptions {\n    departments {\n      id\n      name\n      depth\n    }\n  }\n"): (typeof documents)["\n  query DepartmentOptions {\n    departments {\n      id\n      name\n      depth\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ManagerOptions {\n    employees(first: 500, filter: { status: ACTIVE }) {\n      nodes {\n        unionId\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  query ManagerOptions {\n    employees(first: 500, filter: { status: ACTIVE }) {\n      nodes {\n        unionId\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordExport($input: RecordExportInput!) {\n    recordExport(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RecordExport($input: RecordExportInput!) {\n    recordExport(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ViewerRole {\n    me {\n      role\n      unionId\n      department\n    }\n  }\n"): (typeof documents)["\n  query ViewerRole {\n    me {\n      role\n      unionId\n      department\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApprovalsInbox($first: Int!) {\n    me {\n      pendingApprovals(first: $first) {\n        totalCount\n        nodes {\n          id\n          title\n          subjectType\n          createdAt\n          currentStep\n          amount {\n            amount\n            currency\n          }\n          requester {\n            unionId\n            displayName\n          }\n          steps {\n            position\n            label\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApprovalsInbox($first: Int!) {\n    me {\n      pendingApprovals(first: $first) {\n        totalCount\n        nodes {\n          id\n          title\n          subjectType\n          createdAt\n          currentStep\n          amount {\n            amount\n            currency\n          }\n          requester {\n            unionId\n            displayName\n          }\n          steps {\n            position\n            label\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApprovalRequestDetail($id: ID!) {\n    approvalRequest(id: $id) {\n      id\n      title\n      summary\n      status\n      version\n      subjectType\n      currentStep\n      createdAt\n      amount {\n        amount\n        currency\n      }\n      requester {\n        unionId\n        displayName\n      }\n      steps {\n        position\n        label\n        status\n        approvers {\n          approverUnionId\n          decision\n          waiting\n          approver {\n            displayName\n          }\n        }\n      }\n      history {\n        id\n        action\n        actor\n        comment\n        at\n      }\n      expenseClaim {\n        id\n        title\n        totals {\n          amount\n          currency\n        }\n        items {\n          id\n          category\n          incurredOn\n          merchant\n          note\n          amount {\n            amount\n            currency\n          }\n          invoice {\n            id\n            mimeType\n            url\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApprovalRequestDetail($id: ID!) {\n    approvalRequest(id: $id) {\n      id\n      title\n      summary\n      status\n      version\n      subjectType\n      currentStep\n      createdAt\n      amount {\n        amount\n        currency\n      }\n      requester {\n        unionId\n        displayName\n      }\n      steps {\n        position\n        label\n        status\n        approvers {\n          approverUnionId\n          decision\n          waiting\n          approver {\n            displayName\n          }\n        }\n      }\n      history {\n        id\n        action\n        actor\n        comment\n        at\n      }\n      expenseClaim {\n        id\n        title\n        totals {\n          amount\n          currency\n        }\n        items {\n          id\n          category\n          incurredOn\n          merchant\n          note\n          amount {\n            amount\n            currency\n          }\n          invoice {\n            id\n            mimeType\n            url\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideApproval($input: DecideApprovalInput!) {\n    decideApproval(input: $input) {\n      id\n      status\n      version\n      currentStep\n    }\n  }\n"): (typeof documents)["\n  mutation DecideApproval($input: DecideApprovalInput!) {\n    decideApproval(input: $input) {\n      id\n      status\n      version\n      currentStep\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLogPage($first: Int!, $after: String, $person: ID, $action: String, $from: DateTime, $to: DateTime) {\n    auditLog(first: $first, after: $after, person: $person, action: $action, from: $from, to: $to) {\n      totalCount\n      nodes {\n        id\n        occurredAt\n        action\n        actor\n        subjectUnionId\n        target\n        details\n        subject {\n          displayName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLogPage($first: Int!, $after: String, $person: ID, $action: String, $from: DateTime, $to: DateTime) {\n    auditLog(first: $first, after: $after, person: $person, action: $action, from: $from, to: $to) {\n      totalCount\n      nodes {\n        id\n        occurredAt\n        action\n        actor\n        subjectUnionId\n        target\n        details\n        subject {\n          displayName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditPeople {\n    people(first: 500) {\n      nodes {\n        unionId\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditPeople {\n    people(first: 500) {\n      nodes {\n        unionId\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DepartmentTree {\n    departments {\n      id\n      name\n      depth\n    }\n  }\n"): (typeof documents)["\n  query DepartmentTree {\n    departments {\n      id\n      name\n      depth\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DepartmentMonth($id: ID!, $from: LocalDate!, $to: LocalDate!, $fromMonth: String!, $toMonth: String!, $first: Int!) {\n    department(id: $id) {\n      id\n      name\n      members(first: $first, includeSubdepartments: true) {\n        totalCount\n        nodes {\n          unionId\n          displayName\n          title\n          attendance(from: $from, to: $to) {\n            lateCount\n            absentDays\n          }\n          attendanceDays(from: $from, to: $to) {\n            date\n            exceptions\n          }\n          expenseClaims(status: SUBMITTED, first: 1) {\n            totalCount\n            totals {\n              amount\n              currency\n            }\n          }\n        }\n      }\n    }\n    expenseReport(departmentId: $id, fromMonth: $fromMonth, toMonth: $toMonth) {\n      rows {\n        category\n        amount {\n          amount\n          currency\n        }\n      }\n    }\n    workLogFeed(kind: DAILY, first: 500) {\n      nodes {\n        date\n        author {\n          unionId\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DepartmentMonth($id: ID!, $from: LocalDate!, $to: LocalDate!, $fromMonth: String!, $toMonth: String!, $first: Int!) {\n    department(id: $id) {\n      id\n      name\n      members(first: $first, includeSubdepartments: true) {\n        totalCount\n        nodes {\n          unionId\n          displayName\n          title\n          attendance(from: $from, to: $to) {\n            lateCount\n            absentDays\n          }\n          attendanceDays(from: $from, to: $to) {\n            date\n            exceptions\n          }\n          expenseClaims(status: SUBMITTED, first: 1) {\n            totalCount\n            totals {\n              amount\n              currency\n            }\n          }\n        }\n      }\n    }\n    expenseReport(departmentId: $id, fromMonth: $fromMonth, toMonth: $toMonth) {\n      rows {\n        category\n        amount {\n          amount\n          currency\n        }\n      }\n    }\n    workLogFeed(kind: DAILY, first: 500) {\n      nodes {\n        date\n        author {\n          unionId\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MemberLastLogs($unionIds: [ID!]!) {\n    employeesByUnionIds(unionIds: $unionIds) {\n      unionId\n      workLogs(first: 1) {\n        nodes {\n          date\n          text\n          voice {\n            url\n            durationSeconds\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MemberLastLogs($unionIds: [ID!]!) {\n    employeesByUnionIds(unionIds: $unionIds) {\n      unionId\n      workLogs(first: 1) {\n        nodes {\n          date\n          text\n          voice {\n            url\n            durationSeconds\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessageAudience {\n    departments {\n      id\n      name\n      depth\n    }\n    tags {\n      name\n    }\n  }\n"): (typeof documents)["\n  query MessageAudience {\n    departments {\n      id\n      name\n      depth\n    }\n    tags {\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessagePeopleSearch($query: String!) {\n    employees(first: 10, filter: { query: $query }) {\n      nodes {\n        unionId\n        displayName\n        title\n      }\n    }\n  }\n"): (typeof documents)["\n  query MessagePeopleSearch($query: String!) {\n    employees(first: 10, filter: { query: $query }) {\n      nodes {\n        unionId\n        displayName\n        title\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SentMessages($first: Int!) {\n    sentMessages(first: $first) {\n      nodes {\n        id\n        title\n        priority\n        recipientCount\n        readCount\n        createdAt\n        app {\n          name\n        }\n        sentBy {\n          displayName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SentMessages($first: Int!) {\n    sentMessages(first: $first) {\n      nodes {\n        id\n        title\n        priority\n        recipientCount\n        readCount\n        createdAt\n        app {\n          name\n        }\n        sentBy {\n          displayName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendConsoleMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n      recipientCount\n      readCount\n    }\n  }\n"): (typeof documents)["\n  mutation SendConsoleMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n      recipientCount\n      readCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ScopeFields on AppScope {\n    wholeCorp\n    departmentIds\n    tags\n    unionIds\n  }\n"): (typeof documents)["\n  fragment ScopeFields on AppScope {\n    wholeCorp\n    departmentIds\n    tags\n    unionIds\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModuleCatalogue {\n    apps(first: 200) {\n      nodes {\n        appId\n        name\n        vendor\n        description\n        subgraph\n        installation {\n          status\n          installedAt\n          scope {\n            ...ScopeFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ModuleCatalogue {\n    apps(first: 200) {\n      nodes {\n        appId\n        name\n        vendor\n        description\n        subgraph\n        installation {\n          status\n          installedAt\n          scope {\n            ...ScopeFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InstallModule($appId: ID!) {\n    installApp(appId: $appId) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation InstallModule($appId: ID!) {\n    installApp(appId: $appId) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UninstallModule($appId: ID!) {\n    uninstallApp(appId: $appId) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation UninstallModule($appId: ID!) {\n    uninstallApp(appId: $appId) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateModuleScope($appId: ID!, $scope: AppScopeInput!) {\n    updateInstallationScope(appId: $appId, scope: $scope) {\n      id\n      scope {\n        ...ScopeFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateModuleScope($appId: ID!, $scope: AppScopeInput!) {\n    updateInstallationScope(appId: $appId, scope: $scope) {\n      id\n      scope {\n        ...ScopeFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TagOptions {\n    tags {\n      name\n    }\n  }\n"): (typeof documents)["\n  query TagOptions {\n    tags {\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModuleRegistry($name: String!) {\n    moduleSubgraph(name: $name) {\n      id\n      name\n      currentVersion\n      retiredAt\n    }\n  }\n"): (typeof documents)["\n  query ModuleRegistry($name: String!) {\n    moduleSubgraph(name: $name) {\n      id\n      name\n      currentVersion\n      retiredAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModuleVersions($name: String!) {\n    subgraphVersions(name: $name, first: 20) {\n      nodes {\n        version\n        publishedAt\n        publishedBy\n        forced\n        changes {\n          level\n          path\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ModuleVersions($name: String!) {\n    subgraphVersions(name: $name, first: 20) {\n      nodes {\n        version\n        publishedAt\n        publishedBy\n        forced\n        changes {\n          level\n          path\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModuleDeliveries($appId: ID!) {\n    webhookDeliveries(appId: $appId, first: 50) {\n      nodes {\n        id\n        eventType\n        status\n        attempts\n        lastStatusCode\n        lastError\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query ModuleDeliveries($appId: ID!) {\n    webhookDeliveries(appId: $appId, first: 50) {\n      nodes {\n        id\n        eventType\n        status\n        attempts\n        lastStatusCode\n        lastError\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RedeliverWebhook($id: ID!) {\n    redeliverWebhook(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation RedeliverWebhook($id: ID!) {\n    redeliverWebhook(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewCorpZone {\n    me {\n      corp {\n        id\n        timezone\n      }\n    }\n  }\n"): (typeof documents)["\n  query OverviewCorpZone {\n    me {\n      corp {\n        id\n        timezone\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewToday($date: LocalDate!) {\n    dayAttendance(date: $date, first: 8) {\n      date\n      memberCount\n      workingCount\n      checkedInCount\n      lateCount\n      onLeaveCount\n      notCheckedInCount\n      late {\n        displayName\n      }\n      notCheckedIn {\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  query OverviewToday($date: LocalDate!) {\n    dayAttendance(date: $date, first: 8) {\n      date\n      memberCount\n      workingCount\n      checkedInCount\n      lateCount\n      onLeaveCount\n      notCheckedInCount\n      late {\n        displayName\n      }\n      notCheckedIn {\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewWaitingClaims($first: Int!) {\n    approvalRequests(status: PENDING, subjectType: \"ExpenseClaim\", first: $first) {\n      totalCount\n      nodes {\n        id\n        currentStep\n        steps {\n          position\n          label\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OverviewWaitingClaims($first: Int!) {\n    approvalRequests(status: PENDING, subjectType: \"ExpenseClaim\", first: $first) {\n      totalCount\n      nodes {\n        id\n        currentStep\n        steps {\n          position\n          label\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewSentMessages($first: Int!) {\n    sentMessages(first: $first) {\n      nodes {\n        id\n        title\n        priority\n        recipientCount\n        readCount\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query OverviewSentMessages($first: Int!) {\n    sentMessages(first: $first) {\n      nodes {\n        id\n        title\n        priority\n        recipientCount\n        readCount\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewInstalledModules {\n    installations(first: 100) {\n      nodes {\n        id\n        status\n        app {\n          appId\n          name\n          vendor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OverviewInstalledModules {\n    installations(first: 100) {\n      nodes {\n        id\n        status\n        app {\n          appId\n          name\n          vendor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PeopleSearch($first: Int!, $filter: EmployeeFilter) {\n    employees(first: $first, filter: $filter) {\n      totalCount\n      nodes {\n        unionId\n        displayName\n        title\n        status\n        department {\n          id\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query PeopleSearch($first: Int!, $filter: EmployeeFilter) {\n    employees(first: $first, filter: $filter) {\n      totalCount\n      nodes {\n        unionId\n        displayName\n        title\n        status\n        department {\n          id\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddPerson($input: AddPersonInput!) {\n    addPerson(input: $input) {\n      unionId\n    }\n  }\n"): (typeof documents)["\n  mutation AddPerson($input: AddPersonInput!) {\n    addPerson(input: $input) {\n      unionId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HireEmployee($input: HireEmployeeInput!) {\n    hireEmployee(input: $input) {\n      unionId\n    }\n  }\n"): (typeof documents)["\n  mutation HireEmployee($input: HireEmployeeInput!) {\n    hireEmployee(input: $input) {\n      unionId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonPage($unionId: ID!, $withOpenIds: Boolean!) {\n    person(unionId: $unionId) {\n      unionId\n      displayName\n      email\n      adminRole {\n        role\n        departmentId\n      }\n      openIds @include(if: $withOpenIds) {\n        openId\n        app {\n          appId\n          name\n        }\n      }\n      employee {\n        status\n        title\n        joinedAt\n        leftAt\n        departments {\n          id\n          name\n        }\n        managers {\n          unionId\n          displayName\n        }\n        directReports {\n          unionId\n          displayName\n        }\n        tags {\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PersonPage($unionId: ID!, $withOpenIds: Boolean!) {\n    person(unionId: $unionId) {\n      unionId\n      displayName\n      email\n      adminRole {\n        role\n        departmentId\n      }\n      openIds @include(if: $withOpenIds) {\n        openId\n        app {\n          appId\n          name\n        }\n      }\n      employee {\n        status\n        title\n        joinedAt\n        leftAt\n        departments {\n          id\n          name\n        }\n        managers {\n          unionId\n          displayName\n        }\n        directReports {\n          unionId\n          displayName\n        }\n        tags {\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantRole($input: GrantAdminRoleInput!) {\n    grantAdminRole(input: $input) {\n      unionId\n      role\n    }\n  }\n"): (typeof documents)["\n  mutation GrantRole($input: GrantAdminRoleInput!) {\n    grantAdminRole(input: $input) {\n      unionId\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeRole($unionId: ID!) {\n    revokeAdminRole(unionId: $unionId)\n  }\n"): (typeof documents)["\n  mutation RevokeRole($unionId: ID!) {\n    revokeAdminRole(unionId: $unionId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TransferEmployee($unionId: ID!, $input: TransferEmployeeInput!) {\n    transferEmployee(unionId: $unionId, input: $input) {\n      unionId\n    }\n  }\n"): (typeof documents)["\n  mutation TransferEmployee($unionId: ID!, $input: TransferEmployeeInput!) {\n    transferEmployee(unionId: $unionId, input: $input) {\n      unionId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OffboardEmployee($unionId: ID!, $leftAt: LocalDate) {\n    offboardEmployee(unionId: $unionId, leftAt: $leftAt) {\n      unionId\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation OffboardEmployee($unionId: ID!, $leftAt: LocalDate) {\n    offboardEmployee(unionId: $unionId, leftAt: $leftAt) {\n      unionId\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RehireEmployee($unionId: ID!, $joinedAt: LocalDate) {\n    rehireEmployee(unionId: $unionId, joinedAt: $joinedAt) {\n      unionId\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation RehireEmployee($unionId: ID!, $joinedAt: LocalDate) {\n    rehireEmployee(unionId: $unionId, joinedAt: $joinedAt) {\n      unionId\n      status\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;