import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { render, say } from '@app/platform';

/**
 * What Node's HTTP parser refuses before any route runs (headers over its 16 KB, a malformed
 * request line) answered in the service's one error shape rather than a bare status line.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const code = tooLarge ? 'HEADERS_TOO_LARGE' : 'MALFORMED_REQUEST';
    // The headers (Accept-Language among them) were not read: the default language.
    const body = JSON.stringify({ code, message: render(say(`error.${code}`), 'zh'), errors: [] });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
