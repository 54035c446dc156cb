import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { createGenerator } from '../../electron/core/demo/generate';
import type { DemoFileEntry, ManifestEntry } from '../../scripts/generate-demo-content';

const DIR = fileURLToPath(new URL('../../resources/demo/content/', import.meta.url));
const manifest = (JSON.parse(readFileSync(`${DIR}manifest.json`, 'utf8')) as ManifestEntry[]).filter(
  (entry): entry is DemoFileEntry => !('broken' in entry),
);
const { contentItems, contentVersions } = createGenerator();
const day = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().slice(0, 10));

function fileOf(itemId: string, version: number): DemoFileEntry {
  const itemIndex = contentItems.findIndex((item) => item.id === itemId);
  const file = manifest.find((entry) => entry.itemIndex === itemIndex && entry.version === version);
  if (!file) throw new Error(`no file for item ${itemIndex} v${version}`);
  return file;
}

describe('demo catalogue wired to the demo content files', () => {
  it("takes each version's hash, size, type, pages and validity from its file", () => {
    for (const version of contentVersions) {
      const file = fileOf(version.itemId, version.version);
      expect(version, file.file).toMatchObject({
        sha256: file.sha256,
        size: file.size,
        mime: file.mime,
        pageCount: file.pageCount,
        language: file.language,
      });
      expect([day(version.validFrom), day(version.validUntil)], file.file).toEqual([file.validFrom, file.validUntil]);
    }
  });

  it('claims only key messages that the PDF actually states', async () => {
    for (const version of contentVersions.filter((v) => v.mime === 'application/pdf')) {
      const file = fileOf(version.itemId, version.version);
      const document = await getDocument({ data: new Uint8Array(readFileSync(`${DIR}${file.file}`)), verbosity: 0 })
        .promise;
      let text = '';
      for (let page = 1; page <= document.numPages; page++) {
        const content = await (await document.getPage(page)).getTextContent();
        text += content.items.map((item) => ('str' in item ? item.str : '')).join('');
      }
      await document.destroy();
      const squeeze = (value: string) => value.replace(/\s+/g, '');
      expect(version.keyMessages.length, file.file).toBeGreaterThan(0);
      for (const message of version.keyMessages)
        expect(squeeze(text), `${file.file}: ${message}`).toContain(squeeze(message));
    }
  });
});
