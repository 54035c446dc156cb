/**
 * Writes resources/demo/content/: the files behind the demo content catalogue (slide decks
 * as PDFs in Japanese and English, infographic images, one short video), deliberately
 * broken files for tests, and manifest.json describing every file.
 *
 *   npx tsx scripts/generate-demo-content.ts
 *
 * The outputs are committed, so the app and CI never need the tools used here, which are
 * Debian packages: fonts-noto-cjk (the Japanese font), fonttools (pyftsubset), poppler-utils
 * (pdftoppm rasterises images and video frames) and ffmpeg (encodes the video).
 *
 * Deterministic: PDF dates are fixed, numbers come from a seeded generator and the video is
 * encoded single-threaded and bit-exact, so a rerun with the same tool versions writes the
 * same bytes.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { DEMO_ANCHOR } from '../electron/core/demo/generate';
import { CONTENT_TITLES } from '../electron/core/demo/vocabulary';

const DEMO_CONTENT_DIR = fileURLToPath(new URL('../resources/demo/content/', import.meta.url));

type Language = 'ja' | 'en';
type Kind = 'pdf' | 'image' | 'video';

/** One file of the demo catalogue, as manifest.json lists it. */
export interface DemoFileEntry {
  itemIndex: number;
  version: number;
  file: string;
  mime: string;
  size: number;
  sha256: string;
  pageCount: number | null;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  language: Language;
  /** Validity as printed in the file (UTC dates in the demo anchor's timeline). */
  validFrom: string;
  /** null: valid until a newer version supersedes it, as in the demo catalogue. */
  validUntil: string | null;
}

export type BrokenReason = 'truncated' | 'empty' | 'unknown-type' | 'unrenderable' | 'hash-mismatch';

/** A deliberately bad file for tests; no catalogue item points at it. */
export interface BrokenFileEntry {
  broken: BrokenReason;
  file: string;
  mime: string;
  size: number;
  sha256: string;
  /** hash-mismatch only: the hash of the intact original, which a catalogue would claim. */
  expectedSha256?: string;
}

export type ManifestEntry = DemoFileEntry | BrokenFileEntry;

const DAY = 86_400_000;
const FONT_DIR = '/usr/share/fonts/opentype/noto';
const VIDEO = { width: 1280, height: 720, fps: 24, seconds: 6 };
const SLIDE = { width: 960, height: 540 };
const INFOGRAPHIC = { width: 1600, height: 900 };
/** The performance benchmark opens the first page of this 100-page deck (the training handbook's latest version). */
const BENCHMARK = { itemIndex: 28, version: 3, pages: 100 };
/** One image is a JPEG so the viewer's JPEG path is exercised; the brochure's gradient suits it. */
const JPEG_ITEM = 29;
/** This item's only version expires within the library's 14-day "expiring soon" window. */
const EXPIRING_SOON_ITEM = 7;

// ---------------------------------------------------------------------------------------
// The catalogue: which files exist
// ---------------------------------------------------------------------------------------

interface DemoVersion {
  itemIndex: number;
  version: number;
  language: Language;
  kind: Kind;
  title: string;
  product: string;
  validFrom: number;
  validUntil: number | null;
  file: string;
}

/**
 * Mirrors catalogue() in electron/core/demo/generate.ts, which derives language, kind and
 * the number of versions from the item's index (tests/unit/demo-content.test.ts checks that
 * the two agree).
 */
function catalogueVersions(): DemoVersion[] {
  return CONTENT_TITLES.flatMap(([titleJa, titleEn, product], itemIndex) => {
    const language: Language = itemIndex % 3 !== 2 ? 'ja' : 'en';
    const kind: Kind = titleEn.includes('video') ? 'video' : itemIndex % 10 === 9 ? 'image' : 'pdf';
    const versions = itemIndex % 4 === 0 ? 3 : itemIndex % 3 === 0 ? 2 : 1;
    return Array.from({ length: versions }, (_, position): DemoVersion => {
      const version = position + 1;
      const validity = validityOf(itemIndex, version, versions);
      const extension = kind === 'pdf' ? 'pdf' : kind === 'video' ? 'mp4' : itemIndex === JPEG_ITEM ? 'jpg' : 'png';
      return {
        itemIndex,
        version,
        language,
        kind,
        title: language === 'ja' ? titleJa : titleEn,
        product,
        ...validity,
        file: `${String(itemIndex).padStart(2, '0')}-${slug(titleEn)}-v${version}.${extension}`,
      };
    });
  });
}

/**
 * Validity in the demo anchor's timeline, with the states the catalogue shows on first run:
 * item 1's only version has expired, item 2's is not released yet, one expires soon, and
 * earlier versions stay valid until superseded. Versions come out 120 days apart.
 */
function validityOf(itemIndex: number, version: number, versions: number) {
  const created = DEMO_ANCHOR - (400 + ((itemIndex * 53) % 300)) * DAY;
  const last = version === versions;
  const validFrom = itemIndex === 2 && last ? DEMO_ANCHOR + 20 * DAY : created + (version - 1) * 120 * DAY;
  let validUntil: number | null = null;
  if (last && itemIndex === 1) validUntil = DEMO_ANCHOR - 10 * DAY;
  else if (last && itemIndex === EXPIRING_SOON_ITEM) validUntil = DEMO_ANCHOR + 10 * DAY;
  else if (last) validUntil = DEMO_ANCHOR + (200 + ((itemIndex * 71) % 300)) * DAY;
  return { validFrom, validUntil };
}

/**
 * 4–10 pages; even items grow by two pages with each version, so a saved deck can be shown
 * being flagged for review when the page count changes.
 */
function pageCountOf(itemIndex: number, version: number): number {
  if (itemIndex === BENCHMARK.itemIndex && version === BENCHMARK.version) return BENCHMARK.pages;
  const base = 4 + ((itemIndex * 5) % 7);
  return itemIndex % 2 === 0 ? base + 2 * (version - 1) : base;
}

function slug(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** mulberry32, as in the dataset generator: the same numbers on every machine. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Varies a figure by ±15 % per version, so each version's charts visibly differ. */
function vary(base: number, random: () => number, cap = Infinity): number {
  return Math.min(cap, Math.round(base * (0.85 + 0.3 * random())));
}

// ---------------------------------------------------------------------------------------
// Words: everything printed, per language
// ---------------------------------------------------------------------------------------

interface Words {
  approved: string;
  validUntil: string;
  untilSuperseded: string;
  version: (version: number) => string;
  released: string;
  agenda: string;
  chapter: (n: number) => string;
  thanks: string;
  closing: string;
  company: string;
  messages: { heading: string; bullets: string[] }[];
  charts: { heading: string; unit: string; labels: string[]; base: number[] }[];
  tables: { heading: string; rows: string[][] }[];
}

const PRODUCTS: Record<string, { label: string; colour: string }> = {
  field_suite: { label: 'OneTeam Field Suite', colour: '#1f4e9c' },
  capture: { label: 'OneTeam Capture', colour: '#0f7b6c' },
  library: { label: 'OneTeam Library', colour: '#6b3fa0' },
  platform: { label: 'OneTeam Platform', colour: '#c2410c' },
};

const WORDS: Record<Language, Words> = {
  en: {
    approved: 'Approved for external use',
    validUntil: 'valid until',
    untilSuperseded: 'superseded',
    version: (version) => `Version ${version}`,
    released: 'released',
    agenda: 'Agenda',
    chapter: (n) => `Chapter ${n}`,
    thanks: 'Thank you',
    closing: 'Questions? Your OneTeam contact is happy to help.',
    company: 'OneTeam Inc.',
    messages: [
      {
        heading: 'Only approved material, even offline',
        bullets: [
          'Every file is checked against its approved fingerprint before it is shown',
          'Expired versions leave the presenter automatically',
          'Works in a plant, on a train, in a basement meeting room',
        ],
      },
      {
        heading: 'Sales and marketing share one customer history',
        bullets: [
          'Web visits, events and meetings on one account timeline',
          'Marketing sees which content moved a deal',
          'Reps see what the buyer has already read',
        ],
      },
      {
        heading: 'Every presentation lands in the journey',
        bullets: [
          'Pages seen and time per page, for each attendee',
          'Key messages covered, recorded automatically',
          'Follow-ups start from what was actually shown',
        ],
      },
      {
        heading: 'Decks that keep themselves current',
        bullets: [
          'New approved versions replace old ones in saved decks',
          'A changed page count flags the deck for review',
          'Nothing expired is ever shown to a client',
        ],
      },
      {
        heading: 'Built for buying committees',
        bullets: [
          'Economic buyer, champion, users and IT on one map',
          'Content recommended by stage, industry and role',
          'See at a glance which roles nobody has met yet',
        ],
      },
      {
        heading: 'Secure by design',
        bullets: [
          'Encrypted local storage and signed updates',
          'No other accounts or notifications on the audience screen',
          'An audit trail for every file shown',
        ],
      },
      {
        heading: 'Fast on an ordinary laptop',
        bullets: [
          'The first page is on screen in a blink',
          'Search 5,000 documents as you type',
          'Syncs in the background when a network appears',
        ],
      },
      {
        heading: 'Adoption you can measure',
        bullets: [
          'Weekly usage by team and region',
          'Content nobody presents is found early',
          'Coaching based on real meetings',
        ],
      },
    ],
    charts: [
      {
        heading: 'Time to prepare a client meeting',
        unit: 'minutes',
        labels: ['Before', 'Month 1', 'Month 3', 'Month 6'],
        base: [45, 32, 21, 12],
      },
      {
        heading: 'Meetings using approved content',
        unit: '%',
        labels: ['Q1', 'Q2', 'Q3', 'Q4'],
        base: [38, 54, 71, 86],
      },
      {
        heading: 'Leads followed up within 48 hours',
        unit: '%',
        labels: ['Spreadsheet', 'Business cards', 'OneTeam Capture'],
        base: [22, 35, 91],
      },
    ],
    tables: [
      {
        heading: 'Implementation plan',
        rows: [
          ['Phase', 'Duration', 'Owner', 'Outcome'],
          ['Kick-off and data import', '2 weeks', 'OneTeam + IT', 'Accounts and content loaded'],
          ['Pilot with one sales team', '4 weeks', 'Sales manager', 'First decks presented offline'],
          ['Rollout to all regions', '6 weeks', 'Sales operations', 'Every rep on one library'],
          ['Adoption review', 'Quarterly', 'Customer success', 'Usage and content gaps'],
        ],
      },
      {
        heading: 'How the options compare',
        rows: [
          ['Capability', 'OneTeam', 'File share + CRM', 'Slides on a laptop'],
          ['Presents offline', '●', '△', '●'],
          ['Only approved, current versions', '●', '△', '—'],
          ['Every showing in the account journey', '●', '—', '—'],
          ['Decks update themselves', '●', '—', '—'],
          ['Event lead capture', '●', '△', '—'],
        ],
      },
    ],
  },
  ja: {
    approved: '社外利用承認済み',
    validUntil: '有効期限',
    untilSuperseded: '改訂版の発行まで',
    version: (version) => `第${version}版`,
    released: '発行日',
    agenda: 'アジェンダ',
    chapter: (n) => `第${n}章`,
    thanks: 'ありがとうございました',
    closing: 'ご不明な点は担当営業までお気軽にお問い合わせください。',
    company: 'OneTeam株式会社',
    messages: [
      {
        heading: 'オフラインでも承認済み資料だけを提示',
        bullets: [
          '表示の前に、承認時のフィンガープリントと照合',
          '期限切れの版はプレゼンから自動的に除外',
          '工場でも、移動中でも、地下の会議室でも',
        ],
      },
      {
        heading: '営業とマーケティングが同じ顧客履歴を共有',
        bullets: [
          'Web閲覧・展示会・商談を一つのタイムラインに',
          'どの資料が商談を動かしたかをマーケティングが把握',
          '顧客が既に読んだ資料を営業が把握',
        ],
      },
      {
        heading: 'すべての提示が顧客ジャーニーに残る',
        bullets: [
          '参加者ごとに閲覧ページと滞在時間を記録',
          '伝えたキーメッセージを自動で記録',
          '実際に見せた内容からフォローアップを作成',
        ],
      },
      {
        heading: '資料は常に最新の承認版',
        bullets: [
          '新しい承認版が保存済みデッキに自動で反映',
          'ページ数が変わったデッキはレビュー対象に',
          '期限切れの資料を顧客に見せることはありません',
        ],
      },
      {
        heading: '購買委員会を前提に設計',
        bullets: [
          '決裁者・推進者・利用者・IT部門を一つのマップに',
          'ステージ・業種・役割に合わせて資料を推奨',
          'まだ接点のない役割がひと目でわかる',
        ],
      },
      {
        heading: '標準でセキュア',
        bullets: [
          'ローカルデータは暗号化、更新は署名付き',
          '顧客向け画面に他社情報や通知は表示しない',
          '提示したファイルはすべて監査ログに記録',
        ],
      },
      {
        heading: '一般的なノートPCでも高速',
        bullets: ['最初のページを瞬時に表示', '5,000件の資料を入力と同時に検索', 'ネットワークに接続すると自動で同期'],
      },
      {
        heading: '定着を数値で把握',
        bullets: ['チーム・地域ごとの週次利用状況', '使われていない資料を早期に発見', '実際の商談に基づくコーチング'],
      },
    ],
    charts: [
      {
        heading: '商談準備にかかる時間',
        unit: '分',
        labels: ['導入前', '1か月後', '3か月後', '6か月後'],
        base: [45, 32, 21, 12],
      },
      {
        heading: '承認済み資料を使った商談の割合',
        unit: '%',
        labels: ['Q1', 'Q2', 'Q3', 'Q4'],
        base: [38, 54, 71, 86],
      },
      {
        heading: '48時間以内にフォローしたリード',
        unit: '%',
        labels: ['表計算', '名刺', 'OneTeam Capture'],
        base: [22, 35, 91],
      },
    ],
    tables: [
      {
        heading: '導入計画',
        rows: [
          ['フェーズ', '期間', '担当', '成果'],
          ['キックオフとデータ移行', '2週間', 'OneTeam・情報システム部', '顧客と資料の取り込み完了'],
          ['1チームでのパイロット', '4週間', '営業マネージャー', 'オフラインでの初回提示'],
          ['全拠点への展開', '6週間', '営業企画', '全員が同じライブラリを利用'],
          ['定着レビュー', '四半期ごと', 'カスタマーサクセス', '利用状況と不足資料の確認'],
        ],
      },
      {
        heading: '他の方法との比較',
        rows: [
          ['機能', 'OneTeam', 'ファイル共有＋CRM', 'ノートPCのスライド'],
          ['オフラインで提示', '●', '△', '●'],
          ['承認済み・最新版のみ', '●', '△', '—'],
          ['提示履歴を顧客ジャーニーに記録', '●', '—', '—'],
          ['デッキの自動更新', '●', '—', '—'],
          ['展示会リードの取り込み', '●', '△', '—'],
        ],
      },
    ],
  },
};

// ---------------------------------------------------------------------------------------
// Specs: what each file shows, as plain data (the font subset is made from their text)
// ---------------------------------------------------------------------------------------

type SlideSpec =
  | { kind: 'title'; title: string; subtitle: string }
  | { kind: 'agenda'; heading: string; entries: string[] }
  | { kind: 'section'; heading: string; subtitle: string }
  | { kind: 'message'; heading: string; bullets: string[]; number: number }
  | { kind: 'chart'; heading: string; unit: string; bars: { label: string; value: number }[] }
  | { kind: 'table'; heading: string; rows: string[][] }
  | { kind: 'closing'; heading: string; body: string; contact: string };

/** What goes between a deck's title (and agenda) and its closing slide. */
type BodySlide = Extract<SlideSpec, { kind: 'section' | 'message' | 'chart' | 'table' }>;

/** What every page carries around its content: product name, version badge, approval footer. */
interface Chrome {
  product: string;
  colour: string;
  version: string;
  footer: string;
}

interface DeckSpec {
  version: DemoVersion;
  chrome: Chrome;
  slides: SlideSpec[];
}

type InfographicSpec =
  | { kind: 'flow'; title: string; subtitle: string; steps: { label: string; value: string; caption: string }[] }
  | { kind: 'tiles'; title: string; subtitle: string; tiles: { label: string; caption: string }[] }
  | { kind: 'brochure'; title: string; subtitle: string; features: { label: string; caption: string }[] };

interface ImageSpec {
  version: DemoVersion;
  chrome: Chrome;
  art: InfographicSpec;
}

const VIDEO_WORDS = {
  title: 'OneTeam Field',
  subtitle: 'Product demo',
  presenting: 'Presenting',
  slide: 'Only approved material, even offline',
  journey: 'Account journey',
  events: ['Web visit', 'Trade show', 'Meeting', 'Content presented'],
  summary: 'Presented to 2 attendees · 5 pages · 3 min',
};

function chromeOf(version: DemoVersion): Chrome {
  const words = WORDS[version.language];
  const product = PRODUCTS[version.product] ?? { label: 'OneTeam', colour: '#1f4e9c' };
  const until = version.validUntil === null ? words.untilSuperseded : isoDay(version.validUntil);
  return {
    product: product.label,
    colour: product.colour,
    version: `v${version.version}`,
    footer: `${words.approved} · v${version.version} · ${words.validUntil} ${until}`,
  };
}

/** Body slides alternate key messages with evidence; each deck starts at a different point. */
const BODY_PATTERN = ['message', 'chart', 'message', 'table'] as const;

function deckSpec(version: DemoVersion): DeckSpec {
  const words = WORDS[version.language];
  const chrome = chromeOf(version);
  const count = pageCountOf(version.itemIndex, version.version);
  const random = seededRandom(version.itemIndex * 1000 + version.version);
  // Long decks (the handbook) are split into chapters; short ones open with an agenda.
  const chapters = count > 20;
  const withAgenda = !chapters && count >= 6;
  const bodyCount = count - 2 - (withAgenda ? 1 : 0);
  const body: BodySlide[] = [];
  const used = { message: 0, chart: 0, table: 0 };
  for (let position = 0; position < bodyCount; position++) {
    if (chapters && position % 10 === 0) {
      body.push({ kind: 'section', heading: words.chapter(position / 10 + 1), subtitle: version.title });
      continue;
    }
    const kind = BODY_PATTERN[(position + version.itemIndex) % BODY_PATTERN.length] ?? 'message';
    body.push(bodySlide(kind, used[kind]++ + version.itemIndex, words, random));
  }
  const headings = [...new Set(body.flatMap((slide) => (slide.kind === 'section' ? [] : [slide.heading])))];
  const title: SlideSpec = {
    kind: 'title',
    title: version.title,
    subtitle: `${words.version(version.version)} · ${words.released} ${isoDay(version.validFrom)}`,
  };
  const agenda: SlideSpec[] = withAgenda
    ? [{ kind: 'agenda', heading: words.agenda, entries: headings.slice(0, 5) }]
    : [];
  const closing: SlideSpec = {
    kind: 'closing',
    heading: words.thanks,
    body: words.closing,
    contact: `${words.company} · sales@oneteam.example`,
  };
  return { version, chrome, slides: [title, ...agenda, ...body, closing] };
}

function bodySlide(kind: 'message' | 'chart' | 'table', turn: number, words: Words, random: () => number): BodySlide {
  if (kind === 'message') {
    const message = pick(words.messages, turn);
    return { kind, heading: message.heading, bullets: message.bullets, number: (turn % words.messages.length) + 1 };
  }
  if (kind === 'chart') {
    const chart = pick(words.charts, turn);
    const cap = chart.unit === '%' ? 99 : Infinity;
    const bars = chart.labels.map((label, index) => ({ label, value: vary(chart.base[index] ?? 50, random, cap) }));
    return { kind, heading: chart.heading, unit: chart.unit, bars };
  }
  const table = pick(words.tables, turn);
  return { kind, heading: table.heading, rows: table.rows };
}

function pick<T>(list: readonly T[], turn: number): T {
  const value = list[turn % list.length];
  if (value === undefined) throw new Error('pick from an empty list');
  return value;
}

/** A second version of an infographic carries new figures. */
function imageSpec(version: DemoVersion): ImageSpec {
  const random = seededRandom(version.itemIndex * 1000 + version.version);
  const figure = (base: number) => vary(base, random).toLocaleString('en-US');
  const label = PRODUCTS[version.product]?.label ?? 'OneTeam';
  const subtitle = `${label} · ${WORDS[version.language].version(version.version)}`;
  return {
    version,
    chrome: chromeOf(version),
    art: infographicFor(version.itemIndex, version.title, subtitle, figure),
  };
}

/** The three infographics, one per image item of the catalogue. */
function infographicFor(
  itemIndex: number,
  title: string,
  subtitle: string,
  figure: (base: number) => string,
): InfographicSpec {
  if (itemIndex === 9) {
    const steps = [
      { label: 'マーケティング', value: `${figure(1240)}件`, caption: 'Web・展示会でリードを獲得' },
      { label: 'インサイドセールス', value: `${figure(86)}%`, caption: '48時間以内に初回接触' },
      { label: 'フィールドセールス', value: `${figure(312)}商談`, caption: '承認済み資料で提案' },
      { label: 'カスタマーサクセス', value: `${figure(94)}%継続`, caption: '提示履歴を引き継ぎ定着を支援' },
    ];
    return { kind: 'flow', title, subtitle, steps };
  }
  if (itemIndex === 19) {
    const tiles = [
      { label: '展示会リード取り込み', caption: 'ブースで名刺と関心事をその場で登録' },
      { label: '名刺スキャン', caption: 'オフラインで読み取り、後で自動同期' },
      { label: 'プレゼンテーション モード', caption: '顧客画面と手元画面を分けて提示' },
      { label: 'コンテンツ分析', caption: 'ページごとの閲覧時間を可視化' },
      { label: 'API 連携', caption: 'CRM・MA ツールと顧客履歴を共有' },
      { label: '購買委員会マップ', caption: '役割ごとの接点をひと目で把握' },
    ];
    return { kind: 'tiles', title, subtitle, tiles };
  }
  const features = [
    { label: 'Present approved content', caption: 'Always the current, verified version' },
    { label: 'Capture every lead', caption: 'Business cards and booth visits, offline' },
    { label: 'See the whole journey', caption: 'Every touchpoint on one account timeline' },
  ];
  return {
    kind: 'brochure',
    title: 'OneTeam Field',
    subtitle: 'One customer story for marketing and sales, even offline.',
    features,
  };
}

// ---------------------------------------------------------------------------------------
// Drawing with pdfkit
// ---------------------------------------------------------------------------------------

interface Fonts {
  regular: string;
  bold: string;
  /** The characters the subset holds: anything else would print as a blank box, silently. */
  covered: Set<string>;
}

interface TextStyle {
  size: number;
  colour: string;
  bold?: boolean;
  width?: number;
  align?: 'left' | 'center' | 'right';
  /** Centres the (possibly wrapped) text vertically in a box this tall that starts at y. */
  boxHeight?: number;
}

interface Painter {
  doc: PDFKit.PDFDocument;
  fonts: Fonts;
}

const INK = '#1f2933';
const MUTED = '#6b7280';
const RULE = '#d1d5db';
const PAPER = '#ffffff';
const TINT = '#f3f4f6';

/**
 * Cuts Noto Sans CJK JP (face 0 of the system's collection) down to the characters the files
 * print, without subroutines. pdfkit then embeds a per-file subset of that; straight from the
 * collection, each file would carry the font's ~50 kB of shared subroutines per weight.
 */
function subsetFonts(text: string, dir: string): Fonts {
  const textFile = join(dir, 'text.txt');
  writeFileSync(textFile, text);
  const subset = (weight: string) => {
    const output = join(dir, `NotoSansCJKjp-${weight}.otf`);
    execFileSync('pyftsubset', [
      join(FONT_DIR, `NotoSansCJK-${weight}.ttc`),
      '--font-number=0',
      `--text-file=${textFile}`,
      '--desubroutinize',
      `--output-file=${output}`,
    ]);
    return output;
  };
  return { regular: subset('Regular'), bold: subset('Bold'), covered: new Set(text) };
}

function newDocument(fonts: Fonts, title: string, created: number): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    autoFirstPage: false,
    info: {
      Title: title,
      Author: 'OneTeam Marketing',
      Creator: 'OneTeam demo content generator',
      CreationDate: new Date(created),
      ModDate: new Date(created),
    },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  return doc;
}

async function finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** All text goes through here, so a character missing from the subset fails the run instead. */
function write(painter: Painter, value: string, x: number, y: number, style: TextStyle): void {
  const missing = [...value].filter((char) => !painter.fonts.covered.has(char));
  if (missing.length > 0) throw new Error(`font subset lacks ${missing.join('')} (in "${value}")`);
  const options = {
    width: style.width,
    align: style.align ?? 'left',
    lineBreak: style.width !== undefined,
    lineGap: style.size * 0.25,
  };
  const doc = painter.doc.font(style.bold ? 'bold' : 'regular').fontSize(style.size);
  // heightOfString counts the gap after the last line too, which is not ink.
  const top =
    style.boxHeight === undefined
      ? y
      : y + (style.boxHeight - doc.heightOfString(value, options) + options.lineGap) / 2;
  doc.fillColor(style.colour).text(value, x, top, options);
}

/** Soft circles in the product colour: the decks' visual signature. */
function decorate(painter: Painter, colour: string, x: number, y: number, scale: number): void {
  const { doc } = painter;
  doc
    .save()
    .fillOpacity(0.12)
    .circle(x, y, 150 * scale)
    .fill(colour);
  doc
    .fillOpacity(0.2)
    .circle(x + 90 * scale, y + 70 * scale, 80 * scale)
    .fill(colour);
  doc
    .fillOpacity(1)
    .circle(x - 60 * scale, y + 110 * scale, 18 * scale)
    .fill(colour)
    .restore();
}

/** Version badge, footer with approval and validity, and the page number: on every page. */
function drawChrome(painter: Painter, chrome: Chrome, page: string, size: { width: number; height: number }): void {
  const { doc } = painter;
  const scale = size.width / SLIDE.width;
  const badge = { width: 44 * scale, height: 22 * scale };
  const badgeX = size.width - 32 * scale - badge.width;
  doc.roundedRect(badgeX, 18 * scale, badge.width, badge.height, 11 * scale).fill(chrome.colour);
  write(painter, chrome.version, badgeX, 22 * scale, {
    size: 11 * scale,
    colour: PAPER,
    bold: true,
    width: badge.width,
    align: 'center',
  });
  write(painter, chrome.product, 32 * scale, 22 * scale, { size: 11 * scale, colour: chrome.colour, bold: true });
  const footerY = size.height - 34 * scale;
  doc
    .moveTo(32 * scale, footerY - 8 * scale)
    .lineTo(size.width - 32 * scale, footerY - 8 * scale)
    .lineWidth(0.75 * scale)
    .stroke(RULE);
  write(painter, chrome.footer, 32 * scale, footerY, { size: 9 * scale, colour: MUTED });
  write(painter, page, size.width - 232 * scale, footerY, {
    size: 9 * scale,
    colour: MUTED,
    width: 200 * scale,
    align: 'right',
  });
}

function drawHeading(painter: Painter, heading: string): void {
  write(painter, heading, 48, 62, { size: 26, colour: INK, bold: true, width: SLIDE.width - 96 });
}

function drawSlide(painter: Painter, slide: SlideSpec, chrome: Chrome): void {
  switch (slide.kind) {
    case 'title':
      return drawTitleSlide(painter, slide, chrome);
    case 'agenda':
      return drawAgenda(painter, slide, chrome);
    case 'section':
      return drawSection(painter, slide, chrome);
    case 'message':
      return drawMessage(painter, slide, chrome);
    case 'chart':
      return drawChart(painter, slide, chrome);
    case 'table':
      return drawTable(painter, slide, chrome);
    case 'closing':
      return drawClosing(painter, slide, chrome);
  }
}

function drawTitleSlide(painter: Painter, slide: Extract<SlideSpec, { kind: 'title' }>, chrome: Chrome): void {
  painter.doc.rect(0, 0, 14, SLIDE.height).fill(chrome.colour);
  decorate(painter, chrome.colour, 800, 200, 1);
  write(painter, slide.title, 64, 180, { size: 40, colour: INK, bold: true, width: 620 });
  write(painter, slide.subtitle, 64, 330, { size: 16, colour: MUTED });
}

function drawAgenda(painter: Painter, slide: Extract<SlideSpec, { kind: 'agenda' }>, chrome: Chrome): void {
  drawHeading(painter, slide.heading);
  slide.entries.forEach((entry, index) => {
    const y = 140 + index * 62;
    painter.doc.circle(72, y + 12, 16).fill(chrome.colour);
    write(painter, String(index + 1), 56, y + 4, { size: 14, colour: PAPER, bold: true, width: 32, align: 'center' });
    write(painter, entry, 104, y + 2, { size: 18, colour: INK, width: 700 });
  });
}

function drawSection(painter: Painter, slide: Extract<SlideSpec, { kind: 'section' }>, chrome: Chrome): void {
  // Below the header, so the product name and version badge stay visible.
  painter.doc.rect(0, 56, SLIDE.width, SLIDE.height - 108).fill(chrome.colour);
  write(painter, slide.heading, 64, 190, { size: 44, colour: PAPER, bold: true });
  write(painter, slide.subtitle, 64, 260, { size: 18, colour: PAPER });
}

function drawMessage(painter: Painter, slide: Extract<SlideSpec, { kind: 'message' }>, chrome: Chrome): void {
  const { doc } = painter;
  drawHeading(painter, slide.heading);
  slide.bullets.forEach((bullet, index) => {
    const y = 160 + index * 90;
    doc.roundedRect(48, y, 560, 70, 8).fill(TINT);
    doc.rect(48, y, 6, 70).fill(chrome.colour);
    write(painter, bullet, 74, y, { size: 16, colour: INK, width: 520, boxHeight: 70 });
  });
  doc.roundedRect(648, 160, 264, 250, 12).fill(chrome.colour);
  write(painter, String(slide.number).padStart(2, '0'), 648, 220, {
    size: 96,
    colour: PAPER,
    bold: true,
    width: 264,
    align: 'center',
  });
}

function drawChart(painter: Painter, slide: Extract<SlideSpec, { kind: 'chart' }>, chrome: Chrome): void {
  const { doc } = painter;
  drawHeading(painter, slide.heading);
  const box = { x: 110, y: 150, width: 760, height: 280 };
  const top = Math.ceil(Math.max(...slide.bars.map((bar) => bar.value)) / 20) * 20;
  write(painter, slide.unit, 48, box.y - 26, { size: 11, colour: MUTED });
  for (let step = 0; step <= 4; step++) {
    const y = box.y + box.height - (box.height * step) / 4;
    doc
      .moveTo(box.x, y)
      .lineTo(box.x + box.width, y)
      .lineWidth(0.5)
      .stroke(step === 0 ? INK : RULE);
    write(painter, String((top * step) / 4), 48, y - 6, { size: 10, colour: MUTED, width: 52, align: 'right' });
  }
  const slot = box.width / slide.bars.length;
  slide.bars.forEach((bar, index) => {
    const height = (box.height * bar.value) / top;
    const x = box.x + index * slot + slot * 0.2;
    const y = box.y + box.height - height;
    doc.rect(x, y, slot * 0.6, height).fill(index === slide.bars.length - 1 ? chrome.colour : '#9ca3af');
    write(painter, String(bar.value), x, y - 20, {
      size: 13,
      colour: INK,
      bold: true,
      width: slot * 0.6,
      align: 'center',
    });
    write(painter, bar.label, x - slot * 0.2, box.y + box.height + 10, {
      size: 12,
      colour: INK,
      width: slot,
      align: 'center',
    });
  });
}

function drawTable(painter: Painter, slide: Extract<SlideSpec, { kind: 'table' }>, chrome: Chrome): void {
  const { doc } = painter;
  drawHeading(painter, slide.heading);
  const x = 48;
  const width = SLIDE.width - 96;
  const first = width * 0.34;
  const rowHeight = Math.min(52, 320 / slide.rows.length);
  slide.rows.forEach((row, rowIndex) => {
    const y = 140 + rowIndex * rowHeight;
    const header = rowIndex === 0;
    if (header || rowIndex % 2 === 0) doc.rect(x, y, width, rowHeight).fill(header ? chrome.colour : TINT);
    row.forEach((cell, column) => {
      const cellWidth = column === 0 ? first : (width - first) / (row.length - 1);
      const cellX = column === 0 ? x : x + first + (column - 1) * cellWidth;
      const style: TextStyle = {
        size: 12,
        colour: header ? PAPER : INK,
        bold: header || column === 0,
        width: cellWidth - 20,
        boxHeight: rowHeight,
      };
      write(painter, cell, cellX + 10, y, { ...style, align: column === 0 ? 'left' : 'center' });
    });
  });
}

function drawClosing(painter: Painter, slide: Extract<SlideSpec, { kind: 'closing' }>, chrome: Chrome): void {
  decorate(painter, chrome.colour, 780, 320, 1);
  write(painter, slide.heading, 64, 170, { size: 40, colour: INK, bold: true });
  write(painter, slide.body, 64, 250, { size: 18, colour: INK, width: 560 });
  write(painter, slide.contact, 64, 330, { size: 14, colour: chrome.colour, bold: true });
}

async function renderDeck(spec: DeckSpec, fonts: Fonts): Promise<Buffer> {
  const doc = newDocument(fonts, spec.version.title, spec.version.validFrom);
  const painter = { doc, fonts };
  spec.slides.forEach((slide, index) => {
    doc.addPage({ size: [SLIDE.width, SLIDE.height], margin: 0 });
    drawSlide(painter, slide, spec.chrome);
    drawChrome(painter, spec.chrome, `${index + 1} / ${spec.slides.length}`, SLIDE);
  });
  return finish(doc);
}

/** An infographic as a one-page PDF at 1 pt = 1 px, rasterised afterwards. */
async function renderInfographic(spec: ImageSpec, fonts: Fonts): Promise<Buffer> {
  const doc = newDocument(fonts, spec.version.title, spec.version.validFrom);
  const painter = { doc, fonts };
  doc.addPage({ size: [INFOGRAPHIC.width, INFOGRAPHIC.height], margin: 0 });
  const { art } = spec;
  if (art.kind === 'brochure') drawBrochure(painter, art, spec.chrome);
  else {
    decorate(painter, spec.chrome.colour, 1450, 40, 1.2);
    write(painter, art.title, 80, 90, { size: 56, colour: INK, bold: true });
    write(painter, art.subtitle, 80, 175, { size: 24, colour: MUTED });
    if (art.kind === 'flow') drawFlow(painter, art, spec.chrome);
    else drawTiles(painter, art, spec.chrome);
  }
  drawChrome(painter, spec.chrome, '', INFOGRAPHIC);
  return finish(doc);
}

function drawFlow(painter: Painter, art: Extract<InfographicSpec, { kind: 'flow' }>, chrome: Chrome): void {
  const { doc } = painter;
  const slot = (INFOGRAPHIC.width - 160) / art.steps.length;
  art.steps.forEach((step, index) => {
    const centre = 80 + slot * index + slot / 2;
    if (index < art.steps.length - 1) {
      const x = centre + 130;
      doc.polygon([x, 400], [x + slot - 290, 400], [x + slot - 270, 420], [x + slot - 290, 440], [x, 440]).fill(RULE);
    }
    doc.circle(centre, 420, 120).fill(chrome.colour);
    write(painter, step.value, centre - 120, 395, { size: 40, colour: PAPER, bold: true, width: 240, align: 'center' });
    write(painter, step.label, centre - slot / 2, 580, {
      size: 26,
      colour: INK,
      bold: true,
      width: slot,
      align: 'center',
    });
    write(painter, step.caption, centre - slot / 2 + 20, 630, {
      size: 20,
      colour: MUTED,
      width: slot - 40,
      align: 'center',
    });
  });
}

function drawTiles(painter: Painter, art: Extract<InfographicSpec, { kind: 'tiles' }>, chrome: Chrome): void {
  const { doc } = painter;
  art.tiles.forEach((tile, index) => {
    const x = 80 + (index % 3) * 490;
    const y = 270 + Math.floor(index / 3) * 260;
    doc.roundedRect(x, y, 460, 230, 18).fill(TINT);
    doc.roundedRect(x + 30, y + 30, 64, 64, 14).fill(chrome.colour);
    doc.circle(x + 62, y + 62, 16).fill(PAPER);
    write(painter, tile.label, x + 30, y + 118, { size: 28, colour: INK, bold: true, width: 400 });
    write(painter, tile.caption, x + 30, y + 166, { size: 20, colour: MUTED, width: 400 });
  });
}

function drawBrochure(painter: Painter, art: Extract<InfographicSpec, { kind: 'brochure' }>, chrome: Chrome): void {
  const { doc } = painter;
  const gradient = doc.linearGradient(0, 72, INFOGRAPHIC.width, 532);
  gradient.stop(0, chrome.colour).stop(1, '#1f2937');
  // The band starts below the header, where the product name and version badge sit.
  doc.rect(0, 72, INFOGRAPHIC.width, 460).fill(gradient);
  write(painter, art.title, 80, 180, { size: 80, colour: PAPER, bold: true });
  write(painter, art.subtitle, 80, 290, { size: 30, colour: PAPER, width: 820 });
  drawLaptop(painter, chrome, 1000, 140);
  art.features.forEach((feature, index) => {
    const x = 80 + index * 490;
    doc.circle(x + 30, 600, 30).fill(chrome.colour);
    write(painter, feature.label, x, 650, { size: 30, colour: INK, bold: true, width: 440 });
    write(painter, feature.caption, x, 700, { size: 22, colour: MUTED, width: 440 });
  });
}

/** A laptop showing a slide: the product in use, drawn with shapes. */
function drawLaptop(painter: Painter, chrome: Chrome, x: number, y: number): void {
  const { doc } = painter;
  doc.roundedRect(x, y, 480, 300, 16).fill('#111827');
  doc.rect(x + 20, y + 20, 440, 260).fill(PAPER);
  doc.rect(x + 20, y + 20, 440, 40).fill(chrome.colour);
  doc.rect(x + 50, y + 90, 220, 18).fill(RULE);
  doc.rect(x + 50, y + 124, 180, 14).fill(RULE);
  [60, 100, 140].forEach((height, index) =>
    doc.rect(x + 300 + index * 45, y + 250 - height, 30, height).fill(chrome.colour),
  );
  doc.polygon([x - 40, y + 300], [x + 520, y + 300], [x + 560, y + 330], [x - 80, y + 330]).fill('#374151');
}

// ---------------------------------------------------------------------------------------
// The video: frames drawn as PDF pages, rasterised, then encoded
// ---------------------------------------------------------------------------------------

async function renderVideoFrames(version: DemoVersion, fonts: Fonts): Promise<Buffer> {
  const doc = newDocument(fonts, version.title, version.validFrom);
  const painter = { doc, fonts };
  const chrome = chromeOf(version);
  const total = VIDEO.fps * VIDEO.seconds;
  for (let index = 0; index < total; index++) {
    doc.addPage({ size: [VIDEO.width, VIDEO.height], margin: 0 });
    drawVideoFrame(painter, chrome, index / VIDEO.fps);
    doc.rect(0, VIDEO.height - 8, (VIDEO.width * (index + 1)) / total, 8).fill(chrome.colour);
  }
  return finish(doc);
}

/** Three scenes, two seconds each: title card, a slide being presented, the journey filling up. */
function drawVideoFrame(painter: Painter, chrome: Chrome, seconds: number): void {
  const { doc } = painter;
  const scale = VIDEO.width / SLIDE.width;
  doc.rect(0, 0, VIDEO.width, VIDEO.height).fill('#0b1220');
  const scene = Math.min(2, Math.floor(seconds / 2));
  const progress = (seconds % 2) / 2;
  if (scene === 0) {
    decorate(painter, chrome.colour, 980 + 60 * progress, 260, 1.6);
    doc.save().fillOpacity(Math.min(1, progress * 2.5));
    write(painter, VIDEO_WORDS.title, 100, 280, { size: 72, colour: PAPER, bold: true });
    write(painter, VIDEO_WORDS.subtitle, 104, 380, { size: 32, colour: '#9ca3af' });
    doc.restore();
  } else if (scene === 1) {
    const x = 140 + (1 - Math.min(1, progress * 3)) * 600;
    doc.roundedRect(x, 90, 1000, 560, 12).fill(PAPER);
    doc.rect(x, 90, 1000, 70).fill(chrome.colour);
    write(painter, VIDEO_WORDS.slide, x + 40, 200, { size: 40, colour: INK, bold: true, width: 900 });
    [0.6, 0.8, 1].forEach((share, index) => doc.rect(x + 40, 320 + index * 70, 700 * share * progress, 36).fill(RULE));
    doc.roundedRect(x + 820, 106, 150, 38, 19).fill('#dc2626');
    write(painter, VIDEO_WORDS.presenting, x + 820, 116, {
      size: 18,
      colour: PAPER,
      bold: true,
      width: 150,
      align: 'center',
    });
  } else {
    write(painter, VIDEO_WORDS.journey, 100, 110, { size: 48, colour: PAPER, bold: true });
    doc.moveTo(140, 400).lineTo(1100, 400).lineWidth(4).stroke('#374151');
    VIDEO_WORDS.events.forEach((event, index) => {
      if (progress * VIDEO_WORDS.events.length < index) return;
      const x = 140 + index * 320;
      doc.circle(x, 400, 22).fill(index === VIDEO_WORDS.events.length - 1 ? chrome.colour : '#9ca3af');
      write(painter, event, x - 120, 450, { size: 22, colour: PAPER, width: 240, align: 'center' });
    });
    if (progress > 0.6) write(painter, VIDEO_WORDS.summary, 100, 560, { size: 26, colour: '#9ca3af' });
  }
  write(painter, chrome.footer, 40 * scale, VIDEO.height - 40, { size: 14, colour: '#6b7280' });
}

function rasterise(pdf: string, prefix: string, format: 'png' | 'jpeg', size: { width: number; height: number }): void {
  const formatArgs = format === 'png' ? ['-png'] : ['-jpeg', '-jpegopt', 'quality=85,optimize=y'];
  execFileSync('pdftoppm', [
    ...formatArgs,
    '-scale-to-x',
    String(size.width),
    '-scale-to-y',
    String(size.height),
    pdf,
    prefix,
  ]);
}

/** H.264 main profile, no audio, moov atom first: plays in Chromium's <video> and so in Electron. */
function encodeVideo(framePattern: string, output: string): void {
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-y', '-framerate', String(VIDEO.fps), '-i', framePattern],
    ...['-c:v', 'libx264', '-profile:v', 'main', '-pix_fmt', 'yuv420p', '-preset', 'slow', '-tune', 'animation'],
    ...['-crf', '24', '-g', String(VIDEO.fps * 2), '-an', '-movflags', '+faststart'],
    // One thread and bit-exact muxing: the same input gives the same bytes.
    ...['-threads', '1', '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact', output],
  ]);
}

// ---------------------------------------------------------------------------------------
// Broken fixtures
// ---------------------------------------------------------------------------------------

interface Broken {
  reason: BrokenReason;
  file: string;
  mime: string;
  bytes: Buffer;
  expectedSha256?: string;
}

/** Bad input the library must survive, each made from a real deck where that makes sense. */
function brokenFixtures(pdf: Buffer): Broken[] {
  const random = seededRandom(404);
  const flipped = Buffer.from(pdf);
  // The byte after the header's binary-marker comment: still a perfect PDF, only the hash tells.
  const marker = flipped.indexOf('\n', flipped.indexOf('%PDF')) + 2;
  flipped[marker] = (flipped[marker] ?? 0) ^ 0x01;
  return [
    { reason: 'truncated', file: 'truncated.pdf', mime: 'application/pdf', bytes: pdf.subarray(0, pdf.length >> 1) },
    { reason: 'empty', file: 'empty.pdf', mime: 'application/pdf', bytes: Buffer.alloc(0) },
    {
      reason: 'unknown-type',
      file: 'unknown-type.bin',
      mime: 'application/octet-stream',
      bytes: Buffer.from(Array.from({ length: 4096 }, () => Math.floor(random() * 256))),
    },
    { reason: 'unrenderable', file: 'unrenderable.pdf', mime: 'application/pdf', bytes: loopPageTree(pdf) },
    {
      reason: 'hash-mismatch',
      file: 'hash-mismatch.pdf',
      mime: 'application/pdf',
      bytes: flipped,
      expectedSha256: sha256(pdf),
    },
  ];
}

/**
 * Points the page tree's first kid back at the tree itself, keeping every byte offset (so the
 * xref stays valid): the file opens and reports its page count, but no page can be loaded.
 */
function loopPageTree(pdf: Buffer): Buffer {
  const source = pdf.toString('latin1');
  const tree = /(\d+) 0 obj\s*<<\s*\/Type \/Pages\s*\/Count \d+\s*\/Kids \[(\d+ 0 R)/.exec(source);
  if (!tree?.[1] || !tree[2]) throw new Error('page tree not found');
  const kid = tree[2];
  const loop = `${tree[1]} 0 R`;
  if (loop.length > kid.length) throw new Error('page tree reference too long to swap in place');
  const at = tree.index + tree[0].length - kid.length;
  return Buffer.from(source.slice(0, at) + loop.padEnd(kid.length, ' ') + source.slice(at + kid.length), 'latin1');
}

// ---------------------------------------------------------------------------------------
// Writing files and the manifest
// ---------------------------------------------------------------------------------------

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const MIME: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', mp4: 'video/mp4' };

function entryFor(version: DemoVersion, bytes: Buffer): DemoFileEntry {
  const media = version.kind === 'video' ? VIDEO : version.kind === 'image' ? INFOGRAPHIC : null;
  return {
    itemIndex: version.itemIndex,
    version: version.version,
    file: version.file,
    mime: MIME[version.file.split('.').pop() ?? ''] ?? 'application/octet-stream',
    size: bytes.length,
    sha256: sha256(bytes),
    pageCount: version.kind === 'pdf' ? pageCountOf(version.itemIndex, version.version) : null,
    width: media?.width ?? null,
    height: media?.height ?? null,
    durationSeconds: version.kind === 'video' ? VIDEO.seconds : null,
    language: version.language,
    validFrom: isoDay(version.validFrom),
    validUntil: version.validUntil === null ? null : isoDay(version.validUntil),
  };
}

/** Makes one catalogue file's bytes, using the scratch folder for the external tools. */
async function produce(version: DemoVersion, fonts: Fonts, scratch: string): Promise<Buffer> {
  if (version.kind === 'pdf') return renderDeck(deckSpec(version), fonts);
  const base = join(scratch, `${version.itemIndex}-${version.version}`);
  if (version.kind === 'image') {
    writeFileSync(`${base}.pdf`, await renderInfographic(imageSpec(version), fonts));
    const jpeg = version.file.endsWith('.jpg');
    rasterise(`${base}.pdf`, base, jpeg ? 'jpeg' : 'png', INFOGRAPHIC);
    // pdftoppm numbers its output pages; a one-page document gives "-1".
    return readFileSync(`${base}-1.${jpeg ? 'jpg' : 'png'}`);
  }
  writeFileSync(`${base}.pdf`, await renderVideoFrames(version, fonts));
  rasterise(`${base}.pdf`, `${base}-still`, 'png', VIDEO);
  const digits = String(VIDEO.fps * VIDEO.seconds).length;
  encodeVideo(`${base}-still-%0${digits}d.png`, `${base}.mp4`);
  return readFileSync(`${base}.mp4`);
}

/** Every character the files print: ASCII for numbers and dates, plus all the spec text. */
function printedText(versions: DemoVersion[]): string {
  const ascii = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index)).join('');
  const specs = versions.map((version) =>
    version.kind === 'pdf' ? deckSpec(version) : version.kind === 'image' ? imageSpec(version) : chromeOf(version),
  );
  return [...new Set(ascii + JSON.stringify([specs, VIDEO_WORDS]))].join('');
}

/** Fails early, naming the Debian packages, rather than halfway through with a bare ENOENT. */
function requireTools(): void {
  const tools = { pyftsubset: 'fonttools', pdftoppm: 'poppler-utils', ffmpeg: 'ffmpeg' };
  const missing = Object.entries(tools).filter(([tool]) => {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  const packages = missing.map(([, name]) => name);
  if (!existsSync(join(FONT_DIR, 'NotoSansCJK-Regular.ttc'))) packages.push('fonts-noto-cjk');
  if (packages.length > 0) throw new Error(`generating demo content needs: apt-get install -y ${packages.join(' ')}`);
}

async function main(): Promise<void> {
  requireTools();
  const scratch = mkdtempSync(join(tmpdir(), 'demo-content-'));
  try {
    const versions = catalogueVersions();
    const fonts = subsetFonts(printedText(versions), scratch);
    rmSync(DEMO_CONTENT_DIR, { recursive: true, force: true });
    mkdirSync(join(DEMO_CONTENT_DIR, 'broken'), { recursive: true });
    const manifest: ManifestEntry[] = [];
    for (const version of versions) {
      const bytes = await produce(version, fonts, scratch);
      writeFileSync(join(DEMO_CONTENT_DIR, version.file), bytes);
      manifest.push(entryFor(version, bytes));
    }
    const source = versions.find((version) => version.kind === 'pdf' && version.language === 'en');
    if (!source) throw new Error('no English deck to derive the broken fixtures from');
    for (const broken of brokenFixtures(readFileSync(join(DEMO_CONTENT_DIR, source.file)))) {
      const file = `broken/${broken.file}`;
      writeFileSync(join(DEMO_CONTENT_DIR, file), broken.bytes);
      const { reason, mime, bytes, expectedSha256 } = broken;
      manifest.push({ broken: reason, file, mime, size: bytes.length, sha256: sha256(bytes), expectedSha256 });
    }
    writeFileSync(join(DEMO_CONTENT_DIR, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const total = manifest.reduce((sum, entry) => sum + entry.size, 0);
    console.log(`wrote ${manifest.length} files (${(total / 1_048_576).toFixed(2)} MB) to ${DEMO_CONTENT_DIR}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
