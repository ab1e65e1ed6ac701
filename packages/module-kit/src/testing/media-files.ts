/**
 * Small real media files built from bytes in the test (no binary fixtures): each is what its format's
 * specification says, so file-type, image-size and music-metadata read them as they would a phone's.
 */
import zlib from 'node:zlib';

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A width × height RGB PNG; `seed` changes the pixels (and so the hash). */
export function png(width: number, height: number, seed = 0): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set([(x * 7 + seed) & 255, (y * 13 + seed) & 255, (x + y + seed * 3) & 255], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A mono 16-bit PCM WAV of exactly `seconds` (a quiet tone; `seed` changes it). */
export function wav(seconds: number, sampleRate = 8000, seed = 0): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(1000 * Math.sin((2 * Math.PI * (440 + seed) * i) / sampleRate)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** A one-page PDF with a line of text, with a correct cross-reference table. */
export function pdf(text = 'Invoice 42'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${`BT /F1 12 Tf 20 50 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 12 Tf 20 50 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A baseline JPEG's header up to its frame: enough for the type and the pixel size. */
export function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof0 = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof0, Buffer.from([0xff, 0xd9])]);
}

/** A WebP's RIFF header with an extended (VP8X) chunk that gives the canvas size. */
export function webp(width: number, height: number): Buffer {
  const vp8x = Buffer.alloc(18);
  vp8x.write('VP8X', 0, 'latin1');
  vp8x.writeUInt32LE(10, 4);
  vp8x.writeUIntLE(width - 1, 12, 3);
  vp8x.writeUIntLE(height - 1, 15, 3);
  const riff = Buffer.alloc(12);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(4 + vp8x.length, 4);
  riff.write('WEBP', 8, 'latin1');
  return Buffer.concat([riff, vp8x]);
}

/** `frames` MPEG-1 Layer III frames of silence (128 kbit/s, 44.1 kHz: 1152 samples each). */
export function mp3(frames: number): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  return Buffer.concat(Array.from({ length: frames }, () => frame));
}

/** AMR narrow-band: the magic line and `frames` 20 ms frames (mode 7, 12.2 kbit/s: 31 bytes each). */
export function amr(frames: number): Buffer {
  const frame = Buffer.alloc(32);
  frame[0] = 0x3c;
  return Buffer.concat([Buffer.from('#!AMR\n', 'latin1'), ...Array.from({ length: frames }, () => frame)]);
}

/** A GIF (a real image type, but not one we accept). */
export function gif(): Buffer {
  return Buffer.from('47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b', 'hex');
}

/** An ISO base media box: size, type, payload. */
function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

/** A full box: version and flags before the payload. */
function fullBox(type: string, version: number, flags: number, ...payload: Buffer[]): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(((version & 0xff) << 24) | (flags & 0xffffff));
  return box(type, head, ...payload);
}

const u8 = (...values: number[]) => Buffer.from(values);
const u16 = (...values: number[]) => Buffer.concat(values.map((v) => Buffer.from([(v >> 8) & 0xff, v & 0xff])));
const u32 = (...values: number[]) =>
  Buffer.concat(
    values.map((v) => {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(v >>> 0);
      return b;
    }),
  );
const text = (value: string) => Buffer.from(value, 'latin1');
/** The identity matrix of movie and track headers (16.16 and 2.30 fixed point). */
const MATRIX = u32(0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000);

/**
 * A HEIC photo as a phone writes it (ISO/IEC 23008-12): `ftyp heic`, a `meta` box with one `hvc1` item,
 * its `hvcC` configuration and `ispe` size in `iprp`, and an `mdat`. The item's bytes are a placeholder,
 * not a decodable HEVC picture: what we read (the type, the pixel size) is all in the boxes.
 */
export function heic(width: number, height: number): Buffer {
  const ftyp = box('ftyp', text('heic'), u32(0), text('mif1'), text('heic'));
  const payload = Buffer.alloc(32, 0x5a);
  // hvcC with its fixed fields and no parameter-set arrays
  const hvcC = box('hvcC', u8(1, 0x01), u32(0x60000000), Buffer.alloc(6), u8(0x5a), u16(0xf000), u8(0xfc, 0xfd, 0xf8, 0xf8), u16(0), u8(0x0f, 0));
  const ispe = fullBox('ispe', 0, 0, u32(width, height));
  const ipma = fullBox('ipma', 0, 0, u32(1), u16(1), u8(2, 0x81, 0x02));
  const iinf = fullBox('iinf', 0, 0, u16(1), fullBox('infe', 2, 0, u16(1, 0), text('hvc1'), u8(0)));
  const meta = (offset: number) =>
    fullBox(
      'meta',
      0,
      0,
      fullBox('hdlr', 0, 0, u32(0), text('pict'), Buffer.alloc(12), u8(0)),
      fullBox('pitm', 0, 0, u16(1)),
      fullBox('iloc', 0, 0, u8(0x44, 0x00), u16(1), u16(1, 0), u16(1), u32(offset, payload.length)),
      iinf,
      box('iprp', box('ipco', hvcC, ispe), ipma),
    );
  const offset = ftyp.length + meta(0).length + 8;
  return Buffer.concat([ftyp, meta(offset), box('mdat', payload)]);
}

/**
 * An AAC voice note in an M4A file (ISO/IEC 14496-12 and -14): `ftyp M4A `, a movie with one sound track
 * (`mp4a` with its `esds`: AAC-LC, mono, 16 kHz) of `seconds`, and its frames in `mdat` (silent AAC
 * frames, 1024 samples each).
 */
export function m4a(seconds: number): Buffer {
  const rate = 16000;
  const samples = Math.round(seconds * rate);
  const frameCount = Math.ceil(samples / 1024);
  const frame = u8(0x21, 0x10, 0x04, 0x60, 0x8c, 0x1c);
  const ftyp = box('ftyp', text('M4A '), u32(0), text('M4A '), text('mp42'), text('isom'));
  // AudioSpecificConfig: object type 2 (LC), frequency index 8 (16 kHz), one channel
  const asc = u16((2 << 11) | (8 << 7) | (1 << 3));
  const descriptor = (tag: number, ...body: Buffer[]) => {
    const content = Buffer.concat(body);
    return Buffer.concat([u8(tag, content.length), content]);
  };
  const esds = fullBox(
    'esds',
    0,
    0,
    descriptor(0x03, u16(1), u8(0), descriptor(0x04, u8(0x40, 0x15), u8(0, 0x03, 0x00), u32(32000, 24000), descriptor(0x05, asc)), descriptor(0x06, u8(0x02))),
  );
  const mp4a = box('mp4a', Buffer.alloc(6), u16(1), Buffer.alloc(8), u16(1, 16, 0, 0), u32(rate << 16), esds);
  const moov = (mdatOffset: number) =>
    box(
      'moov',
      fullBox('mvhd', 0, 0, u32(0, 0, 1000, Math.round(seconds * 1000), 0x10000), u16(0x0100), Buffer.alloc(10), MATRIX, Buffer.alloc(24), u32(2)),
      box(
        'trak',
        fullBox('tkhd', 0, 3, u32(0, 0, 1, 0, Math.round(seconds * 1000)), Buffer.alloc(8), u16(0, 0, 0x0100, 0), MATRIX, u32(0, 0)),
        box(
          'mdia',
          fullBox('mdhd', 0, 0, u32(0, 0, rate, samples), u16(0x55c4, 0)),
          fullBox('hdlr', 0, 0, u32(0), text('soun'), Buffer.alloc(12), text('SoundHandler\0')),
          box(
            'minf',
            fullBox('smhd', 0, 0, u16(0, 0)),
            box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))),
            box(
              'stbl',
              fullBox('stsd', 0, 0, u32(1), mp4a),
              fullBox('stts', 0, 0, u32(1, frameCount, 1024)),
              fullBox('stsc', 0, 0, u32(1, 1, frameCount, 1)),
              fullBox('stsz', 0, 0, u32(frame.length, frameCount)),
              fullBox('stco', 0, 0, u32(1, mdatOffset)),
            ),
          ),
        ),
      ),
    );
  const mdatOffset = ftyp.length + moov(0).length + 8;
  return Buffer.concat([ftyp, moov(mdatOffset), box('mdat', ...Array.from({ length: frameCount }, () => frame))]);
}

/** CRC-32 of Ogg pages: polynomial 0x04c11db7, not reflected, starting at 0 (RFC 3533). */
function oggCrc(bytes: Buffer): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  }
  return crc >>> 0;
}

/** One Ogg page (RFC 3533) holding whole packets. */
function oggPage(packets: Buffer[], granule: number, sequence: number, flags: number): Buffer {
  const lacing = packets.flatMap((packet) => [...Array.from({ length: Math.floor(packet.length / 255) }, () => 255), packet.length % 255]);
  const header = Buffer.alloc(27);
  header.write('OggS', 0, 'latin1');
  header[5] = flags; // 2: first page, 4: last page
  header.writeBigUInt64LE(BigInt(granule), 6);
  header.writeUInt32LE(0x636f7270, 14); // stream serial number
  header.writeUInt32LE(sequence, 18);
  header[26] = lacing.length;
  const page = Buffer.concat([header, Buffer.from(lacing), ...packets]);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}

/**
 * An Opus voice note in Ogg (RFC 7845) of exactly `seconds`: the OpusHead and OpusTags headers, then
 * 20 ms packets of Opus silence (the 3-byte CELT frame `f8 ff fe`); the last page's granule position
 * trims the end, so the duration is (granule - pre-skip) / 48 kHz.
 */
export function opus(seconds: number): Buffer {
  const preSkip = 312;
  const end = Math.round(seconds * 48000) + preSkip;
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head[8] = 1; // version
  head[9] = 1; // mono
  head.writeUInt16LE(preSkip, 10);
  head.writeUInt32LE(48000, 12);
  const vendor = Buffer.from('corphub tests', 'latin1');
  const tags = Buffer.concat([Buffer.from('OpusTags', 'latin1'), u32le(vendor.length), vendor, u32le(0)]);
  const pages = [oggPage([head], 0, 0, 2), oggPage([tags], 0, 1, 0)];
  const packets = Math.ceil(end / 960);
  const perPage = 50;
  for (let first = 0; first < packets; first += perPage) {
    const count = Math.min(perPage, packets - first);
    const last = first + count >= packets;
    pages.push(oggPage(Array.from({ length: count }, () => u8(0xf8, 0xff, 0xfe)), last ? end : (first + count) * 960, pages.length, last ? 4 : 0));
  }
  return Buffer.concat(pages);
}

function u32le(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value);
  return b;
}

/** Raw AAC in ADTS frames (ISO/IEC 13818-7): AAC-LC, mono, 16 kHz, `frames` silent frames of 1024 samples. */
export function adts(frames: number): Buffer {
  const payload = u8(0x21, 0x10, 0x04, 0x60, 0x8c, 0x1c);
  const length = 7 + payload.length;
  // sync 0xfff, MPEG-4, layer 0, no CRC | profile LC (1), 16 kHz (8), channels 1 | frame length | buffer fullness 0x7ff
  const header = u8(0xff, 0xf1, (1 << 6) | (8 << 2) | 0, (1 << 6) | ((length >> 11) & 0x3), (length >> 3) & 0xff, ((length & 0x7) << 5) | 0x1f, 0xfc);
  return Buffer.concat(Array.from({ length: frames }, () => Buffer.concat([header, payload])));
}
