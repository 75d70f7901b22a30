/* eslint-disable */
import * as types from './graphql.js';
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
    "mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    accessToken\n    refreshToken\n    accessTokenExpiresAt\n    user {\n      id\n      email\n      role\n    }\n  }\n}\n\nmutation Login($input: LoginInput!) {\n  login(input: $input) {\n    accessToken\n    refreshToken\n    user {\n      id\n      role\n    }\n  }\n}\n\nmutation RefreshToken($refreshToken: String!) {\n  refreshToken(refreshToken: $refreshToken) {\n    accessToken\n    refreshToken\n  }\n}\n\nmutation Logout($refreshToken: String, $allDevices: Boolean) {\n  logout(refreshToken: $refreshToken, allDevices: $allDevices)\n}\n\nquery Me {\n  me {\n    id\n    email\n    role\n    status\n    displayName\n    clientProfile {\n      firstName\n      lastName\n      timezone\n    }\n  }\n}": typeof types.RegisterDocument,
    "query UserEmail($id: ID!) {\n  user(id: $id) {\n    id\n    displayName\n    email\n  }\n}\n\nquery ReaderNames($first: Int) {\n  readers(first: $first) {\n    edges {\n      node {\n        id\n        displayName\n        headline\n      }\n    }\n  }\n}": typeof types.UserEmailDocument,
    "query Readers($filter: ReaderFilter, $sort: ReaderSort, $first: Int, $after: String) {\n  readers(filter: $filter, sort: $sort, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        displayName\n        headline\n        status\n        specialties\n        lowestRateCents\n        averageRating\n        rates {\n          sessionType\n          ratePerMinuteCents\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery ReaderPage($id: ID!) {\n  reader(id: $id) {\n    id\n    displayName\n    user {\n      id\n      displayName\n      email\n    }\n  }\n}": typeof types.ReadersDocument,
    "subscription SubsReaderStatus($readerIds: [ID!]) {\n  readerStatusChanged(readerIds: $readerIds) {\n    id\n    status\n    displayName\n  }\n}\n\nsubscription SubsReaderStatusWithEmail($readerIds: [ID!]) {\n  readerStatusChanged(readerIds: $readerIds) {\n    id\n    status\n    user {\n      id\n      email\n    }\n  }\n}\n\nmutation SubsSetReaderStatus($status: ReaderStatus!) {\n  setReaderStatus(status: $status) {\n    id\n    status\n  }\n}": typeof types.SubsReaderStatusDocument,
};
const documents: Documents = {
    "mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    accessToken\n    refreshToken\n    accessTokenExpiresAt\n    user {\n      id\n      email\n      role\n    }\n  }\n}\n\nmutation Login($input: LoginInput!) {\n  login(input: $input) {\n    accessToken\n    refreshToken\n    user {\n      id\n      role\n    }\n  }\n}\n\nmutation RefreshToken($refreshToken: String!) {\n  refreshToken(refreshToken: $refreshToken) {\n    accessToken\n    refreshToken\n  }\n}\n\nmutation Logout($refreshToken: String, $allDevices: Boolean) {\n  logout(refreshToken: $refreshToken, allDevices: $allDevices)\n}\n\nquery Me {\n  me {\n    id\n    email\n    role\n    status\n    displayName\n    clientProfile {\n      firstName\n      lastName\n      timezone\n    }\n  }\n}": types.RegisterDocument,
    "query UserEmail($id: ID!) {\n  user(id: $id) {\n    id\n    displayName\n    email\n  }\n}\n\nquery ReaderNames($first: Int) {\n  readers(first: $first) {\n    edges {\n      node {\n        id\n        displayName\n        headline\n      }\n    }\n  }\n}": types.UserEmailDocument,
    "query Readers($filter: ReaderFilter, $sort: ReaderSort, $first: Int, $after: String) {\n  readers(filter: $filter, sort: $sort, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        displayName\n        headline\n        status\n        specialties\n        lowestRateCents\n        averageRating\n        rates {\n          sessionType\n          ratePerMinuteCents\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery ReaderPage($id: ID!) {\n  reader(id: $id) {\n    id\n    displayName\n    user {\n      id\n      displayName\n      email\n    }\n  }\n}": types.ReadersDocument,
    "subscription SubsReaderStatus($readerIds: [ID!]) {\n  readerStatusChanged(readerIds: $readerIds) {\n    id\n    status\n    displayName\n  }\n}\n\nsubscription SubsReaderStatusWithEmail($readerIds: [ID!]) {\n  readerStatusChanged(readerIds: $readerIds) {\n    id\n    status\n    user {\n      id\n      email\n    }\n  }\n}\n\nmutation SubsSetReaderStatus($status: ReaderStatus!) {\n  setReaderStatus(status: $status) {\n    id\n    status\n  }\n}": types.SubsReaderStatusDocument,
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
export function graphql(source: "mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    accessToken\n    refreshToken\n    accessTokenExpiresAt\n    user {\n      id\n      email\n      role\n    }\n  }\n}\n\nmutation Login($input: LoginInput!) {\n  login(input: $input) {\n    accessToken\n    refreshToken\n    user {\n      id\n      role\n    }\n  }\n}\n\nmutation RefreshToken($refreshToken: String!) {\n  refreshToken(refreshToken: $refreshToken) {\n    accessToken\n    refreshToken\n  }\n}\n\nmutation Logout($refreshToken: String, $allDevices: Boolean) {\n  logout(refreshToken: $refreshToken, allDevices: $allDevices)\n}\n\nquery Me {\n  me {\n    id\n    email\n    role\n    status\n    displayName\n    clientProfile {\n      firstName\n      lastName\n      timezone\n    }\n  }\n}"): (typeof documents)["mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    accessToken\n    refreshToken\n    accessTokenExpiresAt\n    user {\n      id\n      email\n      role\n    }\n  }\n}\n\nmutation Login($input: LoginInput!) {\n  login(input: $input) {\n    accessToken\n    refreshToken\n    user {\n      id\n      role\n    }\n  }\n}\n\nmutation RefreshToken($refreshToken: String!) {\n  refreshToken(refreshToken: $refreshToken) {\n    accessToken\n    refreshToken\n  }\n}\n\nmutation Logout($refreshToken: String, $allDevices: Boolean) {\n  logout(refreshToken: $refreshToken, allDevices: $allDevices)\n}\n\nquery Me {\n  me {\n    id\n    email\n    role\n    status\n    displayName\n    clientProfile {\n      firstName\n      lastName\n      timezone\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UserEmail($id: ID!) {\n  user(id: $id) {\n    id\n    displayName\n    email\n  }\n}\n\nquery ReaderNames($first: Int) {\n  readers(first: $first) {\n    edges {\n      node {\n        id\n        displayName\n        headline\n      }\n    }\n  }\n}"): (typeof documents)["query UserEmail($id: ID!) {\n  user(id: $id) {\n    id\n    displayName\n    email\n  }\n}\n\nquery ReaderNames($first: Int) {\n  readers(first: $first) {\n    edges {\n      node {\n        id\n        displayName\n        headline\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Readers($filter: ReaderFilter, $sort: ReaderSort, $first: Int, $after: String) {\n  readers(filter: $filter, sort: $sort, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        displayName\n        headline\n        status\n        specialties\n        lowestRateCents\n        averageRating\n        rates {\n          sessionType\n          ratePerMinuteCents\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery ReaderPage($id: ID!) {\n  reader(id: $id) {\n    id\n    displayName\n    user {\n      id\n      displayName\n      email\n    }\n  }\n}"): (typeof documents)["query Readers($filter: ReaderFilter, $sort: ReaderSort, $first: Int, $after: String) {\n  readers(filter: $filter, sort: $sort, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        displayName\n        headline\n        status\n        specialties\n        lowestRateCents\n        averageRating\n        rates {\n          sessionType\n          ratePerMinuteCents\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery ReaderPage($id: ID!) {\n  reader(id: $id) {\n    id\n    displayName\n    user {\n      id\n      displayName\n      email\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription SubsReaderStatus($readerIds: [ID!]) {\n  readerStatusChanged(readerIds: $readerIds) {\n    id\n    status\n    displayName\n  }\n}\n\nsubscription SubsReaderStatusWithEmail($readerIds: [ID!]) {\n  readerStatusChanged(readerIds: $readerIds) {\n    id\n    status\n    user {\n      id\n      email\n    }\n  }\n}\n\nmutation SubsSetReaderStatus($status: ReaderStatus!) {\n  setReaderStatus(status: $status) {\n    id\n    status\n  }\n}"): (typeof documents)["subscription SubsReaderStatus($readerIds: [ID!]) {\n  readerStatusChanged(readerIds: $readerIds) {\n    id\n    status\n    displayName\n  }\n}\n\nsubscription SubsReaderStatusWithEmail($readerIds: [ID!]) {\n  readerStatusChanged(readerIds: $readerIds) {\n    id\n    status\n    user {\n      id\n      email\n    }\n  }\n}\n\nmutation SubsSetReaderStatus($status: ReaderStatus!) {\n  setReaderStatus(status: $status) {\n    id\n    status\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;