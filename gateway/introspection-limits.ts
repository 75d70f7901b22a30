import {
  GraphQLError,
  Kind,
  getIntrospectionQuery,
  parse,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

// Introspection has limits of its own. graphql-armor's depth and cost limits skip `__schema` (ignoreIntrospection:
// the standard introspection query is 21 levels deep and costs ~87,000 by armor's measure, so it could never fit
// the limits of data queries), which left any introspection query unlimited: a 60-deep one was answered.
// Here an introspection query may be as deep and as large as the one GraphiQL, codegen and graphql-inspector send
// (graphql's getIntrospectionQuery with its options) and no more; alias and directive limits apply as to any
// query, and graphql's own MaxIntrospectionDepthRule (in specifiedRules) refuses fan-out cycles such as
// fields { type { fields { type { fields … } } } } (create-gateway.ts gives its error reason DEPTH_LIMIT).

interface Measure {
  /** Levels of fields from an introspection root (__schema, __type) down, fragments flattened. */
  depth: number;
  /** Introspection fields selected, each fragment spread counted where it is spread. */
  fields: number;
}

const ROOTS = new Set(['__schema', '__type']);

function measureOperation(selectionSet: SelectionSetNode, getFragment: (name: string) => FragmentDefinitionNode | null | undefined): Measure {
  const memo = new Map<string, Measure>();
  const inProgress = new Set<string>();
  const measure = (set: SelectionSetNode, inside: boolean): Measure => {
    let depth = 0;
    let fields = 0;
    for (const selection of set.selections) {
      let child: Measure = { depth: 0, fields: 0 };
      if (selection.kind === Kind.FIELD) {
        const entering = inside || ROOTS.has(selection.name.value);
        const below = selection.selectionSet ? measure(selection.selectionSet, entering) : child;
        child = entering ? { depth: below.depth + 1, fields: below.fields + 1 } : below;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        child = measure(selection.selectionSet, inside);
      } else {
        const key = `${selection.name.value}|${inside}`;
        const fragment = getFragment(selection.name.value);
        // A fragment cycle is refused by graphql's own rule; here it only must not loop.
        if (fragment && !inProgress.has(key)) {
          let hit = memo.get(key);
          if (!hit) {
            inProgress.add(key);
            hit = measure(fragment.selectionSet, inside);
            inProgress.delete(key);
            memo.set(key, hit);
          }
          child = hit;
        }
      }
      depth = Math.max(depth, child.depth);
      fields += child.fields;
    }
    return { depth, fields };
  };
  return measure(selectionSet, false);
}

/** Depth and size of graphql's standard introspection query with every option on: what real tools send. */
export function standardIntrospection(): Measure {
  const document = parse(
    getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }),
  );
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)!;
  return measureOperation(operation.selectionSet, (name) => fragments.get(name));
}

export interface IntrospectionLimits {
  maxDepth: number;
  maxFields: number;
}

/** The standard query's depth, and twice its size (room for a client's extra fields, not for many copies). */
export function defaultIntrospectionLimits(): IntrospectionLimits {
  const standard = standardIntrospection();
  return { maxDepth: standard.depth, maxFields: standard.fields * 2 };
}

/** Validation rules limiting the depth and size of introspection (HTTP and graphql-ws alike). */
export function introspectionLimitRules(limits: IntrospectionLimits = defaultIntrospectionLimits()): ValidationRule[] {
  const sizeRule = (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const m = measureOperation(node.selectionSet, (name) => context.getFragment(name));
      if (m.depth > limits.maxDepth) {
        context.reportError(
          new GraphQLError(`Introspection depth limit of ${limits.maxDepth} exceeded, found ${m.depth}.`, { nodes: node, extensions: { reason: 'DEPTH_LIMIT' } }),
        );
      } else if (m.fields > limits.maxFields) {
        context.reportError(
          new GraphQLError(`Introspection cost limit of ${limits.maxFields} fields exceeded, found ${m.fields}.`, { nodes: node, extensions: { reason: 'COST_LIMIT' } }),
        );
      }
    },
  });
  return [sizeRule];
}
