import { vi } from 'vitest';

// A stand-in for the supabase-js client in service tests: every query chain
// is recorded ([method, ...args] per call) and resolves with what `respond`
// returns for it; rpc and functions.invoke are plain mocks.

export interface RecordedQuery {
  table: string;
  calls: Array<[string, ...unknown[]]>;
}

export interface QueryResult {
  data: unknown;
  error: unknown;
  status?: number;
}

export function fakeSupabase(respond: (query: RecordedQuery) => QueryResult = () => ({ data: [], error: null, status: 200 })) {
  const queries: RecordedQuery[] = [];
  const rpc = vi.fn(async (_name: string, _args?: Record<string, unknown>): Promise<QueryResult> => ({ data: null, error: null, status: 200 }));
  const invoke = vi.fn(async (_path: string, _options?: Record<string, unknown>): Promise<{ data: unknown; error: unknown }> => ({ data: null, error: null }));

  function builder(query: RecordedQuery): unknown {
    const target = {} as Record<string | symbol, unknown>;
    return new Proxy(target, {
      get(_target, property) {
        if (property === 'then') {
          const result = Promise.resolve().then(() => respond(query));
          return result.then.bind(result);
        }
        return (...args: unknown[]) => {
          query.calls.push([String(property), ...args]);
          return builder(query);
        };
      },
    });
  }

  const client = {
    from(table: string) {
      const query: RecordedQuery = { table, calls: [] };
      queries.push(query);
      return builder(query);
    },
    rpc,
    functions: { invoke },
  };
  return { client, queries, rpc, invoke };
}

/** The `error` supabase-js gives for a function that answered `{error:{code,message}}` with `status`. */
export function functionHttpError(status: number, code: string, message: string) {
  return {
    name: 'FunctionsHttpError',
    message: 'Edge Function returned a non-2xx status code',
    context: { status, bodyUsed: false, json: async () => ({ error: { code, message } }) },
  };
}

/** The `error` supabase-js gives when the request never got an answer. */
export function functionFetchError() {
  return { name: 'FunctionsFetchError', message: 'Failed to send a request to the Edge Function' };
}
