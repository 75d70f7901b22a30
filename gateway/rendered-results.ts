/**
 * How the gateway renders its answers (Apollo's `stringifyResult`): compact JSON (Apollo pretty-prints by default:
 * more CPU and bytes for nobody). A result merged across requests (operation-dedupe.ts hands each of them the same
 * data object) is rendered once: JSON.stringify of the readers page was 6% of the gateway's busy time with every
 * merged viewer paying it again. An answer the pass-through took as it came from a subgraph (passthrough.ts) is
 * never rendered: its data object stands for those bytes.
 */
export class RenderedResults {
  /** Rendered answers by their data object. */
  private readonly texts = new WeakMap<object, string>();

  readonly stringify = (value: unknown): string => {
    const { data, errors, extensions } = value as { data?: unknown; errors?: unknown; extensions?: unknown };
    if (errors !== undefined || extensions !== undefined || !data || typeof data !== 'object') return JSON.stringify(value);
    let text = this.texts.get(data);
    if (text === undefined) this.texts.set(data, (text = JSON.stringify(value)));
    return text;
  };

  /**
   * A data object standing for `answer`, a whole answer already rendered (`{"data":{…}}`): `stringify` of a result
   * holding it (and nothing else) returns `answer` as it is. Anything else that serializes it gets the data parsed
   * from `answer` (its `toJSON`), so no path can render it empty.
   */
  preRendered(answer: string): Record<string, unknown> {
    const data = {};
    Object.defineProperty(data, 'toJSON', { value: () => (JSON.parse(answer) as { data: unknown }).data });
    this.texts.set(data, answer);
    return data;
  }
}
