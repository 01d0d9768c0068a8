import { createServer, type Server, type Socket } from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  text: string;
  /** The parts of a multipart/mixed mail after its text, decoded. */
  attachments: { filename: string; content: string }[];
}

/** A local SMTP server that accepts everything and keeps it: enough SMTP for nodemailer, no TLS, no auth. */
export async function startSmtpSink(): Promise<{ url: string; mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(socket, (mail) => mails.push(mail));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function serve(socket: Socket, receive: (mail: ReceivedMail) => void): void {
  let buffer = '';
  let envelope = { from: '', to: [] as string[] };
  let data: string[] | null = null;
  const reply = (line: string) => socket.write(`${line}\r\n`);
  reply('220 pta-test-sink ESMTP');
  socket.setEncoding('utf8');
  socket.on('error', () => undefined);
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (data) {
        if (line !== '.') data.push(line.startsWith('..') ? line.slice(1) : line);
        else {
          receive(parseMail(envelope, data.join('\r\n')));
          data = null;
          envelope = { from: '', to: [] };
          reply('250 2.0.0 queued');
        }
        continue;
      }
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'MAIL') envelope.from = address(line);
      if (verb === 'RCPT') envelope.to.push(address(line));
      if (verb === 'DATA') data = [];
      reply(ANSWERS[verb] ?? '502 not implemented');
      if (verb === 'QUIT') socket.end();
    }
  });
}

const ANSWERS: Record<string, string> = {
  EHLO: '250-pta-test-sink\r\n250 8BITMIME',
  HELO: '250 OK',
  RSET: '250 OK',
  NOOP: '250 OK',
  MAIL: '250 OK',
  RCPT: '250 OK',
  DATA: '354 end with <CRLF>.<CRLF>',
  QUIT: '221 bye',
};

const address = (line: string) => /<([^>]*)>/.exec(line)?.[1] ?? '';

/**
 * Just enough MIME for a text mail, single-part or multipart/mixed with attachments: unfolded
 * headers, encoded words, base64 or quoted-printable.
 */
function parseMail(envelope: { from: string; to: string[] }, raw: string): ReceivedMail {
  const { header, text: body } = part(raw);
  const boundary = /boundary="?([^";]+)"?/i.exec(header('Content-Type'))?.[1];
  if (!boundary) return { ...envelope, raw, subject: encodedWords(header('Subject')), text: body, attachments: [] };
  const parts = raw
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((p) => part(p.replace(/^\r\n/, '').replace(/\r\n$/, '')));
  const [first, ...rest] = parts;
  return {
    ...envelope,
    raw,
    subject: encodedWords(header('Subject')),
    text: first?.text ?? '',
    attachments: rest.map((p) => ({
      filename: /filename="?([^";]+)"?/i.exec(p.header('Content-Disposition'))?.[1] ?? '',
      content: p.text,
    })),
  };
}

/** One MIME entity: its headers, and its body decoded. */
function part(raw: string) {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1]?.trim() ?? '';
  const body = raw.slice(split + 4);
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? quotedPrintable(body)
        : body;
  return { header, text };
}

function quotedPrintable(text: string): string {
  const bytes = text.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
}

function encodedWords(text: string): string {
  return text
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : quotedPrintable(data.replace(/_/g, ' ')),
    );
}
