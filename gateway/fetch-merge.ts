import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { FetchNode, PlanNode, QueryPlan } from '@apollo/query-planner';
import { GraphQLError, Kind, parse, print, stripIgnoredCharacters, type FieldNode, type GraphQLFormattedError, type InlineFragmentNode, type OperationDefinitionNode, type SelectionNode, type VariableDefinitionNode } from 'graphql';

/**
 * Fewer subgraph requests per operation: when a query plan's root is a Parallel whose branches send several fetches
 * to the same subgraph — a root fetch (`me`) and entity fetches that each follow another subgraph's fetch (the
 * `Reader`s of `mySessions`, the `User`s of `conversations`) — those fetches go as ONE request: the root fields and
 * a single `_entities` of all representations (their type conditions disjoint), answered and split back per fetch.
 * A viewer's home screen (the bench's mix) made three requests to accounts; it makes one. Each HTTP request costs
 * the gateway its socket write, client and parsing (~2% of its busy time per request on the mix), and the subgraph
 * its whole HTTP and Apollo pipeline again.
 *
 * A fetch that arrives waits until each other fetch of its group has arrived or cannot come any more: the fetch
 * before it in its branch has answered, and one more turn of the event loop has passed (Apollo sends the next
 * fetch of a Sequence within the microtasks that follow an answer; an entity fetch with no entities is never
 * sent). Merging is all-or-nothing per request: a merged answer with any error is thrown away and each fetch is
 * sent again on its own, so errors keep their paths and a failing field never costs another fetch its data. Only
 * plain fetches merge (no fragment definitions, no directives on the operation, no response key in two of them
 * but `__typename`, the same variable never declared with two types); anything else is sent as before.
 */

interface Member {
  query: string;
  service: string;
  entities: boolean;
  /** The operation of the fetch that comes before this one in its branch (null: sent when the plan starts). */
  after: string | null;
  group: Member[];
}

type Plan = Map<string, Member>;

const plans = new WeakMap<QueryPlan, Plan | null>();

function fetchOf(node: PlanNode | undefined): FetchNode | null {
  return node?.kind === 'Fetch' && !node.id && !node.hasDefers && node.operationKind === 'query' ? node : null;
}

/** The fetches of a plan that would merge, by operation text (null: none). */
export function mergePlanOf(plan: QueryPlan): Plan | null {
  if (plans.has(plan)) return plans.get(plan)!;
  const members: Omit<Member, 'group'>[] = [];
  const root = plan.node;
  if (root?.kind === 'Parallel') {
    for (const branch of root.nodes) {
      const alone = fetchOf(branch);
      if (alone && !alone.requires) members.push({ query: alone.operation, service: alone.serviceName, entities: false, after: null });
      if (branch.kind !== 'Sequence' || branch.nodes.length !== 2) continue;
      const [first, then] = branch.nodes;
      const head = fetchOf(first);
      const entity = then?.kind === 'Flatten' ? fetchOf(then.node) : null;
      if (!head || head.requires) continue;
      members.push({ query: head.operation, service: head.serviceName, entities: false, after: null });
      if (entity?.requires) members.push({ query: entity.operation, service: entity.serviceName, entities: true, after: head.operation });
    }
  }
  const byService = new Map<string, Member[]>();
  for (const m of members) {
    const group = byService.get(m.service) ?? [];
    byService.set(m.service, group);
    group.push({ ...m, group });
  }
  let result: Plan | null = null;
  for (const group of byService.values()) {
    // A group of one never waits; the same operation twice (never planned so) is not merged either.
    if (group.length < 2 || new Set(group.map((m) => m.query)).size !== group.length || !mergedDocument(group)) continue;
    result ??= new Map();
    for (const m of group) result.set(m.query, m);
  }
  plans.set(plan, result);
  return result;
}

interface Merged {
  query: string;
  operationName: string;
  /** Per member (in group order): its root response keys, or null for an entity fetch. */
  keys: Array<string[] | null>;
}

const documents = new Map<string, Merged | null>();

/** The one operation of `members` (in this order), or null when they cannot be merged safely. Cached. */
export function mergedDocument(members: Array<Pick<Member, 'query' | 'entities'>>): Merged | null {
  const cacheKey = members.map((m) => m.query).join('\n\u0000\n');
  if (documents.has(cacheKey)) return documents.get(cacheKey)!;
  let merged: Merged | null = null;
  try {
    merged = build(members);
  } catch {
    merged = null; // a text that does not parse is sent as it is
  }
  if (documents.size < 1000) documents.set(cacheKey, merged);
  return merged;
}

function build(members: Array<Pick<Member, 'query' | 'entities'>>): Merged | null {
  const variables = new Map<string, VariableDefinitionNode>();
  const rootFields: SelectionNode[] = [];
  const rootKeys = new Set<string>();
  const fragments: InlineFragmentNode[] = [];
  const types = new Set<string>();
  let entitiesField: FieldNode | null = null;
  let name: string | null = null;
  const keys: Array<string[] | null> = [];
  for (const m of members) {
    const doc = parse(m.query, { noLocation: true });
    const op = doc.definitions[0];
    if (doc.definitions.length !== 1 || op?.kind !== Kind.OPERATION_DEFINITION || op.operation !== 'query' || op.directives?.length) return null;
    name ??= op.name?.value ?? 'Merged';
    for (const v of op.variableDefinitions ?? []) {
      if (v.directives?.length || v.defaultValue) return null;
      const seen = variables.get(v.variable.name.value);
      if (seen && print(seen.type) !== print(v.type)) return null;
      variables.set(v.variable.name.value, v);
    }
    const selections = op.selectionSet.selections;
    if (m.entities) {
      const field = selections[0];
      if (selections.length !== 1 || field?.kind !== Kind.FIELD || field.name.value !== '_entities' || field.alias || field.directives?.length) return null;
      const arg = field.arguments?.[0];
      if (field.arguments?.length !== 1 || arg?.name.value !== 'representations' || arg.value.kind !== Kind.VARIABLE || arg.value.name.value !== 'representations') return null;
      const mine = new Set<string>();
      for (const s of field.selectionSet?.selections ?? []) {
        if (s.kind !== Kind.INLINE_FRAGMENT || !s.typeCondition || s.directives?.length || types.has(s.typeCondition.name.value)) return null;
        mine.add(s.typeCondition.name.value);
        fragments.push(s);
      }
      for (const t of mine) types.add(t);
      entitiesField ??= field;
      keys.push(null);
    } else {
      const own: string[] = [];
      for (const s of selections) {
        if (s.kind !== Kind.FIELD || s.directives?.length) return null;
        const key = s.alias?.value ?? s.name.value;
        if (key === '__typename' && !s.alias) {
          if (!rootKeys.has(key)) rootFields.push(s);
          rootKeys.add(key);
          own.push(key);
          continue;
        }
        if (rootKeys.has(key) || key === '_entities') return null;
        rootKeys.add(key);
        rootFields.push(s);
        own.push(key);
      }
      keys.push(own);
    }
  }
  const operationName = `${name}__merged`;
  const operation: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: 'query' as OperationDefinitionNode['operation'],
    name: { kind: Kind.NAME, value: operationName },
    variableDefinitions: [...variables.values()],
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: [...rootFields, ...(entitiesField ? [{ ...entitiesField, selectionSet: { kind: Kind.SELECTION_SET as const, selections: fragments } }] : [])],
    },
  };
  return { query: stripIgnoredCharacters(print({ kind: Kind.DOCUMENT, definitions: [operation] })), operationName, keys };
}

/** What a data source sends for one fetch (the shape RemoteGraphQLDataSource.sendRequest takes). */
export interface FetchRequest {
  query?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  http?: { method: string; url: string; headers: unknown };
}

export interface FetchResult {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
  extensions?: Record<string, unknown>;
  http?: unknown;
}

type SendOne = (request: FetchRequest) => Promise<FetchResult>;

interface Waiting {
  member: Member;
  request: FetchRequest;
  send: SendOne;
  resolve(r: FetchResult): void;
  reject(e: unknown): void;
}

/** One operation's merging: who has arrived, whose predecessor has answered, which groups are sent. */
class OperationMerge {
  readonly waiting = new Map<Member, Waiting>();
  readonly answered = new Set<string>();
  readonly sent = new Set<Member[]>();
  private readonly groups: Set<Member[]>;
  constructor(readonly plan: Plan) {
    this.groups = new Set([...plan.values()].map((m) => m.group));
  }

  /** These fetches have answered (or failed): one turn later, the fetches that follow them have arrived or never will. */
  settled(queries: string[]): void {
    setImmediate(() => {
      for (const q of queries) this.answered.add(q);
      for (const group of this.groups) this.flush(group);
    });
  }

  ready(group: Member[]): boolean {
    return group.every((m) => this.waiting.has(m) || (m.after !== null && this.answered.has(m.after)));
  }

  flush(group: Member[]): void {
    if (this.sent.has(group) || !this.ready(group)) return;
    this.sent.add(group);
    const present = group.filter((m) => this.waiting.has(m)).map((m) => this.waiting.get(m)!);
    for (const w of present) this.waiting.delete(w.member);
    if (present.length === 1) return void present[0]!.send(present[0]!.request).then(present[0]!.resolve, present[0]!.reject);
    const merged = sendMerged(present);
    void merged.finally(() => this.settled(present.map((w) => w.member.query)));
  }
}

async function sendMerged(present: Waiting[]): Promise<void> {
  const alone = () => present.forEach((w) => w.send(w.request).then(w.resolve, w.reject));
  const doc = mergedDocument(present.map((w) => w.member));
  if (!doc) return alone();
  const variables: Record<string, unknown> = {};
  const representations: unknown[] = [];
  const counts: number[] = [];
  for (const w of present) {
    const { representations: reps, ...rest } = w.request.variables ?? {};
    Object.assign(variables, rest);
    const list = w.member.entities && Array.isArray(reps) ? reps : [];
    representations.push(...list);
    counts.push(list.length);
  }
  if (representations.length) variables.representations = representations;
  let result: FetchResult;
  try {
    result = await present[0]!.send({ ...present[0]!.request, query: doc.query, operationName: doc.operationName, variables });
  } catch {
    return alone(); // each fetch reports its own failure
  }
  const data = result.data;
  const entities = data?._entities;
  if (result.errors?.length || !data || (representations.length && (!Array.isArray(entities) || entities.length !== representations.length))) return alone();
  let offset = 0;
  present.forEach((w, i) => {
    const keys = doc.keys[i];
    let own: Record<string, unknown>;
    if (keys) own = Object.fromEntries(keys.map((k) => [k, data[k]]));
    else {
      own = { _entities: (entities as unknown[]).slice(offset, offset + counts[i]!) };
      offset += counts[i]!;
    }
    w.resolve({ data: own, http: result.http });
  });
}

const operations = new WeakMap<object, OperationMerge>();

/** Called with each resolved plan (ApolloGateway's experimental_didResolveQueryPlan): arms merging for this request. */
export function attachMergePlan(plan: QueryPlan, context: object | undefined): void {
  const merge = context && mergePlanOf(plan);
  if (merge) operations.set(context, new OperationMerge(merge));
}

/**
 * The gateway's data source base: sends the fetches of one merge group as one request (see above), builds no WHATWG
 * `Request` per fetch (RemoteGraphQLDataSource makes one for its error hook only), and passes a subgraph's HTTP 400
 * BAD_USER_INPUT on.
 */
export class MergingDataSource<C extends object> extends RemoteGraphQLDataSource<C> {
  constructor(config?: ConstructorParameters<typeof RemoteGraphQLDataSource<C>>[0]) {
    super(config);
    // RemoteGraphQLDataSource's sendRequest is private in its types; process() calls it as this.sendRequest.
    (this as unknown as { sendRequest: MergingDataSource<C>['send'] }).sendRequest = (request, context) => this.send(request, context);
  }

  private async send(request: FetchRequest, context: C): Promise<FetchResult> {
    const op = operations.get(context);
    const member = op && request.query ? op.plan.get(request.query) : undefined;
    const one: SendOne = (r) => this.sendOne(r, context);
    if (!op || !member || op.sent.has(member.group)) return this.tracked(op, request, one);
    return new Promise<FetchResult>((resolve, reject) => {
      op.waiting.set(member, { member, request, send: (r) => this.tracked(op, r, one), resolve, reject });
      op.flush(member.group);
    });
  }

  /** Sends; when it answers (or fails), the fetches that follow it have one turn of the event loop to arrive. */
  private tracked(op: OperationMerge | undefined, request: FetchRequest, one: SendOne): Promise<FetchResult> {
    const p = one(request);
    if (op && request.query) {
      const done = () => op.settled([request.query!]);
      p.then(done, done);
    }
    return p;
  }

  // A subgraph answers HTTP 400 when a variable fails its own scalar (a Date such as 1990-02-30, which the
  // gateway cannot check): pass that BAD_USER_INPUT on instead of an INTERNAL "400: Bad Request".
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]) {
    if (response.status === 400) {
      // A body that cannot be read is no BAD_USER_INPUT: the usual error below.
      const body = (await this.parseBody(response.clone()).catch(() => null)) as { errors?: GraphQLFormattedError[] } | null;
      const first = typeof body === 'object' ? body?.errors?.[0] : undefined;
      if (first?.extensions?.code === 'BAD_USER_INPUT' && typeof first.message === 'string') {
        return new GraphQLError(first.message, { extensions: { code: 'BAD_USER_INPUT' } });
      }
    }
    return super.errorFromResponse(response);
  }

  private async sendOne(request: FetchRequest, context: C): Promise<FetchResult> {
    const { http, ...rest } = request;
    if (!http) throw new Error("Internal error: Only 'http' requests are supported.");
    const init = { method: http.method, headers: Object.fromEntries(http.headers as Iterable<[string, string]>), body: JSON.stringify(rest) };
    let response: Awaited<ReturnType<RemoteGraphQLDataSource['fetcher']>> | undefined;
    try {
      response = await this.fetcher(http.url, init);
      if (!response.ok) throw await this.errorFromResponse(response);
      const body = await this.parseBody(response, undefined as never, context);
      if (!body || typeof body !== 'object') throw new Error(`Expected JSON response body, but received: ${String(body)}`);
      return { ...(body as object), http: response };
    } catch (error) {
      this.didEncounterError(error as Error, new Request(http.url, init) as never, response as never, context, request as never);
      throw error;
    }
  }
}
