export interface BytePart {
  contentType: string;
  contentRange: string;
  body: Buffer;
}

/** The parts of a `multipart/byteranges` answer (RFC 9110 section 14.6), read strictly: anything else throws. */
export function byteRangeParts(contentType: string | null, body: Buffer): BytePart[] {
  const boundary = /^multipart\/byteranges; boundary=([0-9A-Za-z'()+_,./:=?-]{1,70})$/.exec(contentType ?? '')?.[1];
  if (!boundary) throw new Error(`not multipart/byteranges: ${contentType}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const parts: BytePart[] = [];
  let at = body.indexOf(delimiter);
  if (at !== 0) throw new Error('the body does not start with a delimiter');
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 4).toString('latin1') === '--\r\n') {
      if (at + 4 !== body.length) throw new Error('bytes after the closing delimiter');
      return parts;
    }
    const headersEnd = body.indexOf('\r\n\r\n', at);
    const headers = Object.fromEntries(
      body
        .subarray(at + 2, headersEnd)
        .toString('latin1')
        .split('\r\n')
        .map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
    );
    const range = /^bytes (\d+)-(\d+)\/\d+$/.exec(headers['content-range'] ?? '');
    if (!range) throw new Error(`a part without Content-Range: ${JSON.stringify(headers)}`);
    const start = headersEnd + 4;
    const end = start + Number(range[2]) - Number(range[1]) + 1;
    parts.push({ contentType: headers['content-type'], contentRange: headers['content-range'], body: body.subarray(start, end) });
    at = end;
    if (!body.subarray(at, at + delimiter.length).equals(delimiter)) throw new Error(`no delimiter after the part ending at ${at}`);
  }
}
