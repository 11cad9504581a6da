// Test double for Taro.request / wx.request that performs a real HTTP request
// with node:http, answering the way wx.request does: it resolves for every
// HTTP status with { statusCode, header, data } and rejects with
// { errMsg: 'request:fail ...' } when there is no response at all.
import http from 'node:http';
import type { MiniRequest, MiniRequestOptions, MiniRequestResult } from '../platform/request-fetch';

export interface RecordingRequest extends MiniRequest {
  calls: MiniRequestOptions[];
}

export function nodeMiniRequest(): RecordingRequest {
  const calls: MiniRequestOptions[] = [];
  const request = ((options: MiniRequestOptions) => {
    calls.push(options);
    let outgoing: http.ClientRequest | undefined;
    const promise = new Promise<MiniRequestResult>((resolve, reject) => {
      outgoing = http.request(options.url, { method: options.method, headers: options.header }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          // wx.request JSON.parses the body unless dataType is something other than 'json'.
          let data: unknown = body;
          if (options.dataType === 'json') {
            try {
              data = JSON.parse(body);
            } catch {
              data = body;
            }
          }
          resolve({ statusCode: res.statusCode ?? 0, header: res.headers as MiniRequestResult['header'], data });
        });
      });
      outgoing.on('error', (error) => reject({ errMsg: `request:fail ${error.message}` }));
      if (options.data !== undefined) outgoing.write(typeof options.data === 'string' ? options.data : Buffer.from(options.data));
      outgoing.end();
    });
    return Object.assign(promise, {
      abort: () => {
        outgoing?.destroy();
      },
    });
  }) as unknown as RecordingRequest;
  request.calls = calls;
  return request;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface TestServer {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Sets how the server answers the next requests. */
  respond(handler: (req: RecordedRequest) => { status: number; headers?: Record<string, string>; body?: string }): void;
  close(): Promise<void>;
}

/** A tiny HTTP server standing in for the gateway (PostgREST + functions). */
export async function startTestServer(): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  let handler: Parameters<TestServer['respond']>[0] = () => ({ status: 500, body: 'no handler' });
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(recorded);
      const answer = handler(recorded);
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    requests,
    respond(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
