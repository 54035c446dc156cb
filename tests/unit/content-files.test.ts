import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inspectFile } from '../../electron/core/content/inspect';
import { closeStretch, emptyTimes } from '../../electron/core/content/slide-times';

const DIR = fileURLToPath(new URL('../../resources/demo/content/', import.meta.url));
const manifest = JSON.parse(readFileSync(`${DIR}manifest.json`, 'utf8')) as { file: string; mime: string }[];
const path = (file: string) => `${DIR}${file}`;

describe('structural checks on arrival', () => {
  it('passes every demo catalogue file as the type it declares', () => {
    for (const entry of manifest.filter((e) => !e.file.startsWith('broken/'))) {
      expect(inspectFile(path(entry.file), entry.mime), entry.file).toBeNull();
    }
  });

  it('labels each broken fixture', () => {
    expect(inspectFile(path('broken/truncated.pdf'), 'application/pdf')).toBe('truncated');
    expect(inspectFile(path('broken/empty.pdf'), 'application/pdf')).toBe('empty_file');
    expect(inspectFile(path('broken/unknown-type.bin'), 'application/octet-stream')).toBe('unsupported_type');
    // Claiming to be a PDF does not make it one.
    expect(inspectFile(path('broken/unknown-type.bin'), 'application/pdf')).toBe('unsupported_type');
    // Structurally fine: only rendering finds the fault (the viewer reports it).
    expect(inspectFile(path('broken/unrenderable.pdf'), 'application/pdf')).toBeNull();
  });

  it('refuses a real file declared as another type', () => {
    expect(inspectFile(path('29-product-brochure-v1.jpg'), 'image/png')).toBe('unsupported_type');
    expect(inspectFile(path('05-product-demo-video-v1.mp4'), 'application/pdf')).toBe('unsupported_type');
  });
});

describe('time on each slide', () => {
  it('adds each stretch to the total and keeps the longest', () => {
    let times = emptyTimes(3);
    times = closeStretch(times, 0, 1_000, 2_500);
    times = closeStretch(times, 1, 2_500, 3_000);
    times = closeStretch(times, 0, 3_000, 3_900);
    expect(times).toEqual([
      { totalMs: 2_400, longestMs: 1_500 },
      { totalMs: 500, longestMs: 500 },
      { totalMs: 0, longestMs: 0 },
    ]);
  });

  it('counts nothing while blank, and never negative time from a clock that went back', () => {
    expect(closeStretch(emptyTimes(1), 0, null, 10_000)).toEqual([{ totalMs: 0, longestMs: 0 }]);
    expect(closeStretch(emptyTimes(1), 0, 10_000, 9_000)).toEqual([{ totalMs: 0, longestMs: 0 }]);
  });
});
