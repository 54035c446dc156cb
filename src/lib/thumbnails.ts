import { renderPdfPage } from './pdf';

const THUMBNAIL = { width: 320, height: 180 };
/** Two at a time: the library stays responsive while the visible cards fill in. */
const CONCURRENCY = 2;
const thumbnails = new Map<string, Promise<string>>();
const waiting: (() => void)[] = [];
let running = 0;

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Page 1 of a PDF, small, as an object URL; rendered once per version and kept for the session. */
export function pdfThumbnail(versionId: string): Promise<string> {
  let thumbnail = thumbnails.get(versionId);
  if (!thumbnail) {
    thumbnail = slot(async () => {
      const canvas = await renderPdfPage(versionId, 1, THUMBNAIL);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      if (!blob) throw new Error('The thumbnail could not be encoded.');
      return URL.createObjectURL(blob);
    });
    thumbnail.catch(() => thumbnails.delete(versionId));
    thumbnails.set(versionId, thumbnail);
  }
  return thumbnail;
}
