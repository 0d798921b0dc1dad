import http from 'node:http';

/**
 * A tiny HTTP client for tests against the listening API (fastify's inject needs light-my-request,
 * whose ES-module-only dependency jest cannot load). Real sockets, real parsers.
 */
export type ApiRequest = { method: string; url: string; headers?: Record<string, string>; payload?: string | object | Buffer };
export type ApiResponse = { statusCode: number; headers: http.IncomingHttpHeaders; body: string; json(): any };

export function apiClient(baseUrl: string) {
  return (request: ApiRequest): Promise<ApiResponse> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...request.headers };
      let body: Buffer | undefined;
      if (request.payload !== undefined) {
        if (typeof request.payload === 'string' || Buffer.isBuffer(request.payload)) body = Buffer.from(request.payload);
        else {
          body = Buffer.from(JSON.stringify(request.payload));
          headers['content-type'] ??= 'application/json';
        }
        headers['content-length'] = String(body.length);
      }
      const req = http.request(new URL(request.url, baseUrl), { method: request.method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      });
      // The server may answer (413) and close before it has read a large body: the answer counts, not the broken pipe.
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
      });
      req.end(body);
    });
}
