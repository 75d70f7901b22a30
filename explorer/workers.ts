// Monaco (GraphiQL 5's editor) runs its language services in web workers. The build emits each worker as
// its own file next to app.js; this tells Monaco where they are (no CDN, no bundler-specific import syntax).
const WORKERS: Record<string, string> = { json: 'json.worker.js', graphql: 'graphql.worker.js' };

(globalThis as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    return new Worker(new URL(`./${WORKERS[label] ?? 'editor.worker.js'}`, import.meta.url));
  },
};
