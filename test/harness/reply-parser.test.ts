import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader } from '../../harness/smtp/byte-reader.ts';
import { HarnessError } from '../../harness/smtp/errors.ts';
import { ReplyAssembler, authMechanisms, ehloKeywords, parseReplyLine, type SmtpReply } from '../../harness/smtp/reply.ts';

/** Feeds lines (without CRLF) to one assembler; returns the reply the last line completes. */
function assemble(...lines: string[]): SmtpReply | undefined {
  const assembler = new ReplyAssembler();
  let reply: SmtpReply | undefined;
  for (const line of lines) reply = assembler.push(line);
  return reply;
}

function malformed(action: () => unknown): HarnessError {
  try {
    action();
  } catch (err) {
    expect(err).toBeInstanceOf(HarnessError);
    expect((err as HarnessError).code).toBe('malformed');
    return err as HarnessError;
  }
  throw new Error('expected a malformed-reply error, got none');
}

describe('RFC 5321 §4.2 reply lines that are well formed', () => {
  it('parses a single-line reply into its code and text', () => {
    expect(assemble('220 mail.example.test ESMTP ready')).toEqual({ code: 220, lines: ['mail.example.test ESMTP ready'] });
  });

  it('parses a multi-line reply: "250-" continues, "250 " ends', () => {
    const assembler = new ReplyAssembler();
    expect(assembler.push('250-mail.example.test')).toBeUndefined();
    expect(assembler.push('250-PIPELINING')).toBeUndefined();
    expect(assembler.pendingLines).toBe(2);
    expect(assembler.push('250 STARTTLS')).toEqual({ code: 250, lines: ['mail.example.test', 'PIPELINING', 'STARTTLS'] });
    expect(assembler.pendingLines).toBe(0);
  });

  it('accepts a bare code as a complete reply with empty text', () => {
    expect(parseReplyLine('250')).toEqual({ code: 250, last: true, text: '' });
    expect(assemble('250')).toEqual({ code: 250, lines: [''] });
  });

  it('accepts "250-" with no text as a continuation line', () => {
    expect(parseReplyLine('250-')).toEqual({ code: 250, last: false, text: '' });
  });

  it('accepts every first digit 2 to 5 and second digit 0 to 5', () => {
    for (const code of [200, 221, 235, 334, 354, 421, 454, 500, 530, 538, 554, 259, 559]) {
      expect(parseReplyLine(`${code} ok`).code).toBe(code);
    }
  });

  it('starts a fresh reply after the last line of the previous one', () => {
    const assembler = new ReplyAssembler();
    expect(assembler.push('250 first')).toEqual({ code: 250, lines: ['first'] });
    expect(assembler.push('354 second')).toEqual({ code: 354, lines: ['second'] });
  });
});

describe('RFC 5321 §4.2 reply lines that are malformed', () => {
  it('rejects a multi-line reply whose code changes between lines', () => {
    const assembler = new ReplyAssembler();
    assembler.push('250-mail.example.test');
    expect(malformed(() => assembler.push('251 done')).message).toMatch(/code 251 after 250/);
  });

  it.each([
    ['non-digit code', 'abc hello'],
    ['two-digit code', '25 hello'],
    ['two-digit bare code', '25'],
    ['four-digit code', '2500 hello'],
    ['first digit 1', '150 hello'],
    ['first digit 6', '650 hello'],
    ['first digit 0', '050 hello'],
    ['second digit 6', '260 hello'],
    ['second digit 9', '590 hello'],
    ['no separator after the code', '250hello'],
    ['tab instead of space', '250\thello'],
    ['leading space', ' 250 hello'],
    ['empty line', ''],
    ['binary bytes', '\x16\x03\x01\x00\xff'],
  ])('rejects a line with a %s', (_what, line) => {
    expect(malformed(() => parseReplyLine(line)).message).toMatch(/malformed reply line/);
  });

  it('shows at most 80 characters of a malformed line in the error', () => {
    const message = malformed(() => parseReplyLine(`x${'y'.repeat(5000)}`)).message;
    expect(message.length).toBeLessThan(150);
  });
});

describe('EHLO keywords (RFC 5321 §4.1.1.1) and AUTH mechanisms (RFC 4954 §3)', () => {
  const ehlo: SmtpReply = {
    code: 250,
    lines: ['mail.example.test greets AUTH STARTTLS', 'pipelining', '  starttls  ', 'Auth plain Login  xoauth2', 'SIZE 10240000', '8bitmime'],
  };

  it('upper-cases keywords and parameters and skips the greeting line', () => {
    const keywords = ehloKeywords(ehlo);
    expect([...keywords.keys()]).toEqual(['PIPELINING', 'STARTTLS', 'AUTH', 'SIZE', '8BITMIME']);
    expect(keywords.get('SIZE')).toEqual(['10240000']);
    expect(keywords.get('STARTTLS')).toEqual([]);
  });

  it('lists the AUTH mechanisms upper-cased', () => {
    expect(authMechanisms(ehlo)).toEqual(['PLAIN', 'LOGIN', 'XOAUTH2']);
  });

  it('does not read keywords from the greeting line of a one-line reply', () => {
    const oneLine: SmtpReply = { code: 250, lines: ['mail.example.test AUTH PLAIN STARTTLS'] };
    expect(ehloKeywords(oneLine).size).toBe(0);
    expect(authMechanisms(oneLine)).toEqual([]);
  });

  it('returns no mechanisms when AUTH is not advertised', () => {
    expect(authMechanisms({ code: 250, lines: ['mail.example.test', 'STARTTLS'] })).toEqual([]);
  });
});

/** A well-formed reply: a code allowed by the grammar and texts that hold no line end. */
const replyArbitrary = fc.record({
  code: fc.tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 9 })).map(([a, b, c]) => a * 100 + b * 10 + c),
  texts: fc.array(
    fc.string({ unit: fc.integer({ min: 0, max: 255 }).filter((b) => b !== 0x0a && b !== 0x0d).map((b) => String.fromCharCode(b)), maxLength: 60 }),
    { minLength: 1, maxLength: 12 },
  ),
});

const wireLines = ({ code, texts }: { code: number; texts: string[] }): string[] =>
  texts.map((text, i) => `${code}${i < texts.length - 1 ? '-' : ' '}${text}`);

describe('property: every well-formed reply parses back to its code and lines', () => {
  it('through the assembler', () => {
    fc.assert(
      fc.property(replyArbitrary, (reply) => {
        expect(assemble(...wireLines(reply))).toEqual({ code: reply.code, lines: reply.texts });
      }),
      { numRuns: 300 },
    );
  });

  it('through the byte reader, whatever the chunking on the wire', async () => {
    await fc.assert(
      fc.asyncProperty(replyArbitrary, fc.integer({ min: 1, max: 64 }), async (reply, chunkSize) => {
        const wire = Buffer.from(wireLines(reply).map((l) => `${l}\r\n`).join(''), 'latin1');
        const stream = new PassThrough();
        const reader = new ByteReader();
        reader.attach(stream);
        for (let i = 0; i < wire.length; i += chunkSize) stream.write(wire.subarray(i, i + chunkSize));
        const assembler = new ReplyAssembler();
        const deadline = Date.now() + 1000;
        let parsed: SmtpReply | undefined;
        while (!parsed) parsed = assembler.push(await reader.readLine(deadline, 'reply', 1000));
        expect(parsed).toEqual({ code: reply.code, lines: reply.texts });
        expect(reader.buffered).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
});
