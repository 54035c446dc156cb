import { getDocument, GlobalWorkerOptions, PDFWorker, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { ResultEnvelope } from '../shared/schemas';
import { ApiError, call } from './api/client';
import { contentUrl } from './content-url';

// The worker is a file of the app (same origin), so the CSP's script-src 'self' covers it.
GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * One pdf.js worker for the whole window, started as soon as the window is idle after it
 * loads: compiling the worker's 1 MB of script takes longer than opening and rendering a
 * document, and should not be paid when the rep opens the first one.
 */
let sharedWorker: PDFWorker | undefined;
function pdfWorker(): PDFWorker {
  sharedWorker ??= new PDFWorker({ verbosity: 0 });
  return sharedWorker;
}
if (typeof requestIdleCallback === 'function') requestIdleCallback(() => pdfWorker());

/** Fetches a content file; a refusal arrives as the core's error envelope and is thrown with its code. */
export async function fetchContent(versionId: string): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(contentUrl(versionId));
  } catch (error) {
    throw new ApiError('CORE_UNAVAILABLE', String(error));
  }
  if (response.ok) return response.arrayBuffer();
  const body = ResultEnvelope.safeParse(await response.json().catch(() => null));
  if (body.success && !body.data.ok) throw new ApiError(body.data.error.code, body.data.error.message);
  throw new ApiError('INTERNAL', `The content request failed with HTTP ${response.status}.`);
}

/**
 * A file that passed every check of the core and still cannot be rendered is reported, so
 * it is listed as "cannot be displayed" and never offered again, and the viewer shows the
 * same code.
 */
async function unrenderable(versionId: string, error: unknown): Promise<never> {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  await call('content.reportProblem', { versionId, problem: 'unrenderable', detail: detail.slice(0, 500) }).catch(
    () => undefined,
  );
  throw new ApiError('CONTENT_UNRENDERABLE', detail);
}

const MAX_DOCUMENTS = 8;
const documents = new Map<string, Promise<PDFDocumentProxy>>();

/** Opens a PDF once and keeps the last few open, so going back to a deck item costs nothing. */
export function openPdf(versionId: string): Promise<PDFDocumentProxy> {
  const cached = documents.get(versionId);
  if (cached) {
    documents.delete(versionId);
    documents.set(versionId, cached);
    return cached;
  }
  const loading = fetchContent(versionId).then((data) =>
    getDocument({
      data: new Uint8Array(data),
      worker: pdfWorker(),
      isEvalSupported: false,
      verbosity: 0,
    }).promise.catch((error: unknown) => unrenderable(versionId, error)),
  );
  loading.catch(() => documents.delete(versionId));
  documents.set(versionId, loading);
  for (const [key, old] of documents) {
    if (documents.size <= MAX_DOCUMENTS) break;
    documents.delete(key);
    void old.then((document) => document.destroy()).catch(() => undefined);
  }
  return loading;
}

export interface Box {
  width: number;
  height: number;
}

const MAX_PAGES = 48;
const pages = new Map<string, Promise<HTMLCanvasElement>>();

/**
 * One page rendered to fit a box at the screen's pixel density, into an offscreen canvas.
 * Rendered pages are kept (the last few dozen), so a page turn to a page rendered ahead
 * is a single drawImage.
 */
export function renderPdfPage(versionId: string, pageNumber: number, box: Box): Promise<HTMLCanvasElement> {
  const key = `${versionId}:${pageNumber}:${Math.round(box.width)}x${Math.round(box.height)}`;
  const cached = pages.get(key);
  if (cached) return cached;
  const rendering = (async () => {
    const opened = openPdf(versionId);
    const document = await opened;
    try {
      const page = await document.getPage(pageNumber);
      const base = page.getViewport({ scale: 1 });
      const scale = Math.min(box.width / base.width, box.height / base.height) * (window.devicePixelRatio || 1);
      const viewport = page.getViewport({ scale });
      const canvas = window.document.createElement('canvas');
      canvas.width = Math.max(1, Math.floor(viewport.width));
      canvas.height = Math.max(1, Math.floor(viewport.height));
      await page.render({ canvas, viewport }).promise;
      return canvas;
    } catch (error) {
      // Closed under the render to make room for other documents: not the file's fault, and
      // reporting it would mark a good file "cannot be displayed" for good. The next render reopens it.
      if (documents.get(versionId) !== opened) throw error;
      return unrenderable(versionId, error);
    }
  })();
  rendering.catch(() => pages.delete(key));
  pages.set(key, rendering);
  for (const key of pages.keys()) {
    if (pages.size <= MAX_PAGES) break;
    pages.delete(key);
  }
  return rendering;
}
