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
    "\n  query DepartmentTree {\n    departments {\n      id\n      name\n      depth\n    }\n  }\n": typeof types.DepartmentTreeDocument,
    "\n  query DepartmentMonth($id: ID!, $from: LocalDate!, $to: LocalDate!, $fromMonth: String!, $toMonth: String!, $first: Int!) {\n    department(id: $id) {\n      id\n      name\n      members(first: $first, includeSubdepartments: true) {\n        totalCount\n        nodes {\n          unionId\n          displayName\n          title\n          attendance(from: $from, to: $to) {\n            lateCount\n            absentDays\n          }\n          attendanceDays(from: $from, to: $to) {\n            date\n            exceptions\n          }\n          expenseClaims(status: SUBMITTED, first: 1) {\n            totalCount\n            totals {\n              amount\n              currency\n            }\n          }\n        }\n      }\n    }\n    expenseReport(departmentId: $id, fromMonth: $fromMonth, toMonth: $toMonth) {\n      rows {\n        category\n        amount {\n          amount\n          currency\n        }\n      }\n    }\n    workLogFeed(kind: DAILY, first: 500) {\n      nodes {\n        date\n        author {\n          unionId\n        }\n      }\n    }\n  }\n": typeof types.DepartmentMonthDocument,
    "\n  query MemberLastLogs($unionIds: [ID!]!) {\n    employeesByUnionIds(unionIds: $unionIds) {\n      unionId\n      workLogs(first: 1) {\n        nodes {\n          date\n          text\n          voice {\n            url\n            durationSeconds\n          }\n        }\n      }\n    }\n  }\n": typeof types.MemberLastLogsDocument,
};
const documents: Documents = {
    "\n  query Viewer {\n    me {\n      role\n      unionId\n      corp {\n        id\n        name\n      }\n      person {\n        displayName\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  query DepartmentTree {\n    departments {\n      id\n      name\n      depth\n    }\n  }\n": types.DepartmentTreeDocument,
    "\n  query DepartmentMonth($id: ID!, $from: LocalDate!, $to: LocalDate!, $fromMonth: String!, $toMonth: String!, $first: Int!) {\n    department(id: $id) {\n      id\n      name\n      members(first: $first, includeSubdepartments: true) {\n        totalCount\n        nodes {\n          unionId\n          displayName\n          title\n          attendance(from: $from, to: $to) {\n            lateCount\n            absentDays\n          }\n          attendanceDays(from: $from, to: $to) {\n            date\n            exceptions\n          }\n          expenseClaims(status: SUBMITTED, first: 1) {\n            totalCount\n            totals {\n              amount\n              currency\n            }\n          }\n        }\n      }\n    }\n    expenseReport(departmentId: $id, fromMonth: $fromMonth, toMonth: $toMonth) {\n      rows {\n        category\n        amount {\n          amount\n          currency\n        }\n      }\n    }\n    workLogFeed(kind: DAILY, first: 500) {\n      nodes {\n        date\n        author {\n          unionId\n        }\n      }\n    }\n  }\n": types.DepartmentMonthDocument,
    "\n  query MemberLastLogs($unionIds: [ID!]!) {\n    employeesByUnionIds(unionIds: $unionIds) {\n      unionId\n      workLogs(first: 1) {\n        nodes {\n          date\n          text\n          voice {\n            url\n            durationSeconds\n          }\n        }\n      }\n    }\n  }\n": types.MemberLastLogsDocument,
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
export function graphql(source: "\n  query DepartmentTree {\n    departments {\n      id\n      name\n      depth\n    }\n  }\n"): (typeof documents)["\n  query DepartmentTree {\n    departments {\n      id\n      name\n      depth\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DepartmentMonth($id: ID!, $from: LocalDate!, $to: LocalDate!, $fromMonth: String!, $toMonth: String!, $first: Int!) {\n    department(id: $id) {\n      id\n      name\n      members(first: $first, includeSubdepartments: true) {\n        totalCount\n        nodes {\n          unionId\n          displayName\n          title\n          attendance(from: $from, to: $to) {\n            lateCount\n            absentDays\n          }\n          attendanceDays(from: $from, to: $to) {\n            date\n            exceptions\n          }\n          expenseClaims(status: SUBMITTED, first: 1) {\n            totalCount\n            totals {\n              amount\n              currency\n            }\n          }\n        }\n      }\n    }\n    expenseReport(departmentId: $id, fromMonth: $fromMonth, toMonth: $toMonth) {\n      rows {\n        category\n        amount {\n          amount\n          currency\n        }\n      }\n    }\n    workLogFeed(kind: DAILY, first: 500) {\n      nodes {\n        date\n        author {\n          unionId\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DepartmentMonth($id: ID!, $from: LocalDate!, $to: LocalDate!, $fromMonth: String!, $toMonth: String!, $first: Int!) {\n    department(id: $id) {\n      id\n      name\n      members(first: $first, includeSubdepartments: true) {\n        totalCount\n        nodes {\n          unionId\n          displayName\n          title\n          attendance(from: $from, to: $to) {\n            lateCount\n            absentDays\n          }\n          attendanceDays(from: $from, to: $to) {\n            date\n            exceptions\n          }\n          expenseClaims(status: SUBMITTED, first: 1) {\n            totalCount\n            totals {\n              amount\n              currency\n            }\n          }\n        }\n      }\n    }\n    expenseReport(departmentId: $id, fromMonth: $fromMonth, toMonth: $toMonth) {\n      rows {\n        category\n        amount {\n          amount\n          currency\n        }\n      }\n    }\n    workLogFeed(kind: DAILY, first: 500) {\n      nodes {\n        date\n        author {\n          unionId\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MemberLastLogs($unionIds: [ID!]!) {\n    employeesByUnionIds(unionIds: $unionIds) {\n      unionId\n      workLogs(first: 1) {\n        nodes {\n          date\n          text\n          voice {\n            url\n            durationSeconds\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MemberLastLogs($unionIds: [ID!]!) {\n    employeesByUnionIds(unionIds: $unionIds) {\n      unionId\n      workLogs(first: 1) {\n        nodes {\n          date\n          text\n          voice {\n            url\n            durationSeconds\n          }\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;