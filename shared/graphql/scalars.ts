import { GraphQLError, GraphQLScalarType, Kind, type GraphQLSchema } from 'graphql';

// The project's custom scalars, defined once. Every subgraph's builder adds them (shared/builder.ts); the gateway
// gives its API schema the same parsing (parseScalarsLike), so an invalid literal is refused at validation there
// instead of by a subgraph after planning.

export const dateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, as an ISO-8601 string in UTC (2026-01-31T12:00:00.000Z).',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value as string).toISOString()),
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseDateTime(value: unknown): Date {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new GraphQLError('DateTime must be an ISO-8601 date-time string.', { extensions: { code: 'BAD_USER_INPUT' } });
}

export const dateScalar = new GraphQLScalarType<Date, string>({
  name: 'Date',
  description: 'A calendar date, as YYYY-MM-DD.',
  serialize: (value) => (value instanceof Date ? value : new Date(value as string)).toISOString().slice(0, 10),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseDate(value: unknown): Date {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = new Date(`${value}T00:00:00.000Z`);
    if (!Number.isNaN(d.getTime()) && d.toISOString().startsWith(value)) return d;
  }
  throw new GraphQLError('Date must be a calendar date as YYYY-MM-DD.', { extensions: { code: 'BAD_USER_INPUT' } });
}

export const jsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: function parse(ast): unknown {
    switch (ast.kind) {
      case Kind.STRING:
      case Kind.BOOLEAN:
        return ast.value;
      case Kind.INT:
      case Kind.FLOAT:
        return Number(ast.value);
      case Kind.OBJECT:
        return Object.fromEntries(ast.fields.map((f) => [f.name.value, parse(f.value)]));
      case Kind.LIST:
        return ast.values.map((v) => parse(v));
      case Kind.NULL:
        return null;
      default:
        throw new GraphQLError('JSON literal may not contain variables.', { extensions: { code: 'BAD_USER_INPUT' } });
    }
  },
});

export const customScalars: readonly GraphQLScalarType[] = [dateTimeScalar, dateScalar, jsonScalar];

/**
 * Gives the scalars of a schema built from SDL (the gateway's API schema, whose custom scalars accept anything)
 * the input parsing of the project's definitions, in place. Output serialization is left as it is: the gateway
 * passes the subgraphs' already serialized values through.
 */
export function parseScalarsLike(schema: GraphQLSchema, scalars: readonly GraphQLScalarType[] = customScalars): void {
  for (const scalar of scalars) {
    const type = schema.getType(scalar.name);
    if (!(type instanceof GraphQLScalarType)) continue;
    type.parseValue = scalar.parseValue;
    type.parseLiteral = scalar.parseLiteral;
  }
}
