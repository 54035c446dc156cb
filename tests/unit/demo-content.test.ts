import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { createGenerator, DEMO_ANCHOR } from '../../electron/core/demo/generate';
import type { BrokenFileEntry, BrokenReason, DemoFileEntry, ManifestEntry } from '../../scripts/generate-demo-content';

const DIR = fileURLToPath(new URL('../../resources/demo/content/', import.meta.url));
const DAY = 86_400_000;
const manifest = JSON.parse(readFileSync(`${DIR}manifest.json`, 'utf8')) as ManifestEntry[];
const files = manifest.filter((entry): entry is DemoFileEntry => !('broken' in entry));
const pdfs = files.filter((entry) => entry.mime === 'application/pdf');
const read = (file: string) => readFileSync(`${DIR}${file}`);

function broken(reason: BrokenReason): BrokenFileEntry {
  const entry = manifest.find((candidate) => 'broken' in candidate && candidate.broken === reason);
  if (!entry || !('broken' in entry)) throw new Error(`no ${reason} fixture`);
  return entry;
}

function openPdf(bytes: Buffer): Promise<PDFDocumentProxy> {
  return getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
}

/** pdf.js's Node canvas factory (backed by @napi-rs/canvas), typed as far as it is used here. */
interface CanvasFactory {
  create(
    width: number,
    height: number,
  ): {
    canvas: unknown;
    context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
  };
}

/** Renders page 1 small and counts non-white pixels: a blank or failed render has none. */
async function inkOnFirstPage(document: PDFDocumentProxy): Promise<number> {
  const page = await document.getPage(1);
  const viewport = page.getViewport({ scale: 0.25 });
  const { canvas, context } = (document.canvasFactory as CanvasFactory).create(viewport.width, viewport.height);
  await page.render({ canvas, viewport }).promise;
  const pixels = context.getImageData(0, 0, viewport.width, viewport.height).data;
  let ink = 0;
  for (let index = 0; index < pixels.length; index += 4) if ((pixels[index] ?? 255) < 200) ink++;
  return ink;
}

function pngSize(bytes: Buffer) {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Walks JPEG markers to the frame header (SOF0–SOF2), which holds the dimensions. */
function jpegSize(bytes: Buffer) {
  expect(bytes.readUInt16BE(0)).toBe(0xffd8);
  for (let at = 2; at < bytes.length; at += 2 + bytes.readUInt16BE(at + 2)) {
    const marker = bytes.readUInt16BE(at);
    if (marker >= 0xffc0 && marker <= 0xffc2)
      return { width: bytes.readUInt16BE(at + 7), height: bytes.readUInt16BE(at + 5) };
  }
  throw new Error('no JPEG frame header');
}

/** Duration from the movie header, size from the track header (16.16 fixed point at its end). */
function mp4Info(bytes: Buffer) {
  expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
  const mvhd = bytes.indexOf('mvhd');
  expect(bytes[mvhd + 4]).toBe(0);
  const durationSeconds = bytes.readUInt32BE(mvhd + 20) / bytes.readUInt32BE(mvhd + 16);
  const tkhd = bytes.indexOf('tkhd');
  const end = tkhd - 4 + bytes.readUInt32BE(tkhd - 4);
  return { durationSeconds, width: bytes.readUInt32BE(end - 8) / 65536, height: bytes.readUInt32BE(end - 4) / 65536 };
}

describe('demo content', () => {
  it('lists every file in the folder, with its size and SHA-256', () => {
    const onDisk = readdirSync(DIR, { encoding: 'utf8', recursive: true }).filter(
      (path) => path !== 'manifest.json' && statSync(`${DIR}${path}`).isFile(),
    );
    expect(onDisk.sort()).toEqual(manifest.map((entry) => entry.file).sort());
    for (const entry of manifest) {
      const bytes = read(entry.file);
      expect(bytes.length, entry.file).toBe(entry.size);
      expect(createHash('sha256').update(bytes).digest('hex'), entry.file).toBe(entry.sha256);
    }
  });

  it("has a file for every version in the demo catalogue, in the catalogue's language and kind", () => {
    const { contentItems, contentVersions } = createGenerator();
    const indexOf = new Map(contentItems.map((item, index) => [item.id, index]));
    const catalogue = contentVersions.map((version) => {
      const itemIndex = indexOf.get(version.itemId) ?? -1;
      const kind = contentItems[itemIndex]?.kind;
      return `${itemIndex} v${version.version} ${version.language} ${kind}`;
    });
    const kindOf = (mime: string) => (mime === 'application/pdf' ? 'pdf' : mime.split('/')[0]);
    const listed = files.map((entry) => `${entry.itemIndex} v${entry.version} ${entry.language} ${kindOf(entry.mime)}`);
    expect(listed.sort()).toEqual(catalogue.sort());
  });

  it('shows every validity state on first run', () => {
    const anchor = new Date(DEMO_ANCHOR).toISOString().slice(0, 10);
    const soon = new Date(DEMO_ANCHOR + 14 * DAY).toISOString().slice(0, 10);
    expect(files.some((entry) => entry.validUntil !== null && entry.validUntil <= anchor)).toBe(true);
    expect(files.some((entry) => entry.validFrom > anchor)).toBe(true);
    expect(
      files.some((entry) => entry.validUntil !== null && entry.validUntil > anchor && entry.validUntil <= soon),
    ).toBe(true);
  });

  it('has decks in both languages, one of 100 pages, and later versions whose page count changed', () => {
    expect(new Set(pdfs.map((entry) => entry.language))).toEqual(new Set(['ja', 'en']));
    expect(pdfs.filter((entry) => entry.pageCount === 100)).toHaveLength(1);
    const changed = pdfs.filter((entry) => {
      const previous = pdfs.find((other) => other.itemIndex === entry.itemIndex && other.version === entry.version - 1);
      return previous !== undefined && previous.pageCount !== entry.pageCount;
    });
    expect(changed.length).toBeGreaterThan(0);
  });

  it('opens every PDF with pdf.js at the listed page count, renders page 1, and prints the version on each page', async () => {
    for (const entry of pdfs) {
      const document = await openPdf(read(entry.file));
      expect(document.numPages, entry.file).toBe(entry.pageCount);
      expect(await inkOnFirstPage(document), entry.file).toBeGreaterThan(100);
      for (let number = 1; number <= document.numPages; number++) {
        const content = await (await document.getPage(number)).getTextContent();
        const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
        expect(text, `${entry.file} page ${number}`).toContain(`v${entry.version}`);
      }
      await document.destroy();
    }
  });

  it('lists the true size and length of images and the video', () => {
    for (const entry of files.filter((candidate) => candidate.mime !== 'application/pdf')) {
      const bytes = read(entry.file);
      const info =
        entry.mime === 'image/png' ? pngSize(bytes) : entry.mime === 'image/jpeg' ? jpegSize(bytes) : mp4Info(bytes);
      expect(info.width, entry.file).toBe(entry.width);
      expect(info.height, entry.file).toBe(entry.height);
      if ('durationSeconds' in info) expect(info.durationSeconds).toBeCloseTo(entry.durationSeconds ?? 0, 1);
    }
    expect(files.filter((entry) => entry.mime.startsWith('video/'))).toHaveLength(1);
    expect(files.some((entry) => entry.mime === 'image/jpeg')).toBe(true);
  });

  describe('broken fixtures fail as labelled', () => {
    it('truncated: half of a real deck, which pdf.js cannot open', async () => {
      const entry = broken('truncated');
      const bytes = read(entry.file);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.includes('%%EOF')).toBe(false);
      await expect(openPdf(bytes)).rejects.toThrow(/Invalid PDF/);
    });

    it('empty: zero bytes', async () => {
      const entry = broken('empty');
      expect(entry.size).toBe(0);
      await expect(openPdf(read(entry.file))).rejects.toThrow(/empty/);
    });

    it('unknown-type: no PDF, PNG, JPEG or MP4 signature', async () => {
      const bytes = read(broken('unknown-type').file);
      expect(bytes.subarray(0, 4).toString('latin1')).not.toBe('%PDF');
      expect(bytes.subarray(1, 4).toString('latin1')).not.toBe('PNG');
      expect(bytes.readUInt16BE(0)).not.toBe(0xffd8);
      expect(bytes.subarray(4, 8).toString('latin1')).not.toBe('ftyp');
      await expect(openPdf(bytes)).rejects.toThrow();
    });

    it('unrenderable: opens, but its first page cannot be loaded', async () => {
      const document = await openPdf(read(broken('unrenderable').file));
      await expect(document.getPage(1)).rejects.toThrow(/circular/);
      await document.destroy();
    });

    it('hash-mismatch: a valid PDF whose bytes differ from the hash a catalogue would claim', async () => {
      const entry = broken('hash-mismatch');
      expect(entry.expectedSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(entry.sha256).not.toBe(entry.expectedSha256);
      const document = await openPdf(read(entry.file));
      expect(document.numPages).toBeGreaterThan(1);
      await document.destroy();
    });
  });
});
