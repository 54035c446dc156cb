import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { SUPPORTED_MIME_TYPES, type FileProblem } from '../../../src/shared/content';

const PROBE = 1024;

interface Probe {
  size: number;
  head: Buffer;
  tail: Buffer;
}

function probe(path: string): Probe {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(PROBE, size));
    readSync(fd, head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(PROBE, size));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    return { size, head, tail };
  } finally {
    closeSync(fd);
  }
}

/** Each supported type: its signature, and the marker a complete file ends with (where there is one). */
const FORMATS: Record<
  (typeof SUPPORTED_MIME_TYPES)[number],
  { starts: (head: Buffer) => boolean; complete: (tail: Buffer) => boolean }
> = {
  'application/pdf': {
    // A PDF may have a little junk before its header, and ends with %%EOF (then perhaps a newline).
    starts: (head) => head.includes('%PDF-'),
    complete: (tail) => tail.includes('%%EOF'),
  },
  'image/png': {
    starts: (head) => head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
    complete: (tail) => tail.includes('IEND'),
  },
  'image/jpeg': {
    starts: (head) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff,
    complete: (tail) => tail.includes(Buffer.from([0xff, 0xd9])),
  },
  'video/mp4': {
    // The file starts with an ftyp box; MP4 has no end marker, so only its start is checked.
    starts: (head) => head.subarray(4, 8).toString('latin1') === 'ftyp',
    complete: () => true,
  },
};

function isSupported(mime: string): mime is (typeof SUPPORTED_MIME_TYPES)[number] {
  return (SUPPORTED_MIME_TYPES as readonly string[]).includes(mime);
}

/**
 * The cheap structural checks a stored file gets once, on arrival (its hash already
 * matched): not empty, of a type we can show, really of the type it claims, and not cut
 * short. Only the first and last kilobyte are read. Files that pass can still fail to
 * render (a PDF with a broken page tree): the viewer reports those as `unrenderable`.
 */
export function inspectFile(path: string, mime: string): FileProblem | null {
  const { size, head, tail } = probe(path);
  if (size === 0) return 'empty_file';
  if (!isSupported(mime)) return 'unsupported_type';
  const format = FORMATS[mime];
  if (!format.starts(head)) return 'unsupported_type';
  if (!format.complete(tail)) return 'truncated';
  return null;
}
