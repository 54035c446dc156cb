import { readFileSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { toRomaji } from 'wanakana';
import {
  COMMITTEE_ROLES,
  CONTENT_DELIVERY_CHANNELS,
  type Channel,
  type CommitteeRole,
  type Team,
} from '../../../src/shared/domain';
import type { AccountBatch, Dataset, DatasetContentVersion, DatasetEvent, DatasetTouchpoint } from './dataset-schema';
import {
  AUTHORS,
  CONTENT_TITLES,
  DEPARTMENTS,
  EN_BUSINESS,
  EN_FAMILY,
  EN_GIVEN,
  EN_STEMS,
  EN_TERRITORIES,
  INDUSTRIES,
  JP_BUSINESS,
  JP_FAMILY,
  JP_GIVEN,
  JP_LEGAL,
  JP_STEMS,
  JP_TERRITORIES,
  KEY_MESSAGES,
  SIZES,
  TITLES,
  WEB_PAGES,
} from './vocabulary';

/** Generated times end at this instant; the loader shifts them so the newest is "now". */
export const DEMO_ANCHOR = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;
/** The seven default buying stages, in order (seeded by the first migration). */
export const STAGE_CODES = [
  'problem_identification',
  'solution_exploration',
  'requirements_building',
  'supplier_selection',
  'validation_consensus',
  'adoption',
  'expansion',
] as const;

export interface GenerateOptions {
  seed?: number;
  /** 1 = the demo dataset (300 accounts, 1,500 contacts, ~20,000 touchpoints). Fractions allowed. */
  scale?: number;
  /** Exact sizes instead of a scale (the benchmark's territory: 50,000 accounts, 2,000,000 touchpoints). */
  accounts?: number;
  touchpoints?: number;
}

/** mulberry32: small, fast, and the same sequence on every machine. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number): number => Math.floor(next() * max);
  const pick = <T>(list: readonly T[]): T => {
    const value = list[int(list.length)];
    if (value === undefined) throw new Error('pick from an empty list');
    return value;
  };
  const weighted = <T extends { weight: number }>(list: readonly T[]): T => {
    let roll = next() * list.reduce((sum, item) => sum + item.weight, 0);
    for (const item of list) {
      roll -= item.weight;
      if (roll < 0) return item;
    }
    return pick(list);
  };
  const bytes = (): Uint8Array => Uint8Array.from({ length: 16 }, () => int(256));
  /** A UUIDv7 for a given time whose random part comes from the seeded stream. */
  const id = (msecs: number): string => uuidv7({ msecs, random: bytes() });
  return { next, int, pick, weighted, id };
}
type Random = ReturnType<typeof createRandom>;

function slug(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Domains identify an account when matching e-mail addresses, so no two accounts share one. */
function uniqueDomain(label: string, tld: string, used: Set<string>): string {
  let domain = `${label}.${tld}`;
  for (let n = 2; used.has(domain); n++) domain = `${label}${n}.${tld}`;
  used.add(domain);
  return domain;
}

interface CompanyName {
  name: string;
  kana: string | null;
  domain: string;
  territory: string;
  region: string;
  japanese: boolean;
}

function companyName(random: Random, used: Set<string>): CompanyName {
  const japanese = random.next() < 0.6;
  for (let attempt = 0; ; attempt++) {
    const extra = attempt > 20 ? random.pick(JP_STEMS) : undefined;
    if (japanese) {
      const [stem, stemKana] = random.pick(JP_STEMS);
      const [business, businessKana, businessRomaji] = random.pick(JP_BUSINESS);
      const legal = random.pick(JP_LEGAL);
      const core = `${extra ? extra[0] : ''}${stem}${business}`;
      if (used.has(core) && attempt < 40) continue;
      const unique = used.has(core) ? `${core}${attempt}` : core;
      used.add(unique);
      const kana = `${extra ? extra[1] : ''}${stemKana}${businessKana}`;
      const name = legal.position === 'prefix' ? `${legal.text}${unique}` : `${unique}${legal.text}`;
      const domain = uniqueDomain(`${slug(toRomaji(kana.replace(businessKana, '')))}-${businessRomaji}`, 'co.jp', used);
      const territory = random.weighted(JP_TERRITORIES).territory;
      return { name, kana, domain, territory, region: 'JP', japanese };
    }
    const stem = random.pick(EN_STEMS);
    const business = random.pick(EN_BUSINESS);
    const place = random.pick(EN_TERRITORIES);
    const core = `${extra ? `${toRomaji(extra[1])} ` : ''}${stem} ${business}`;
    if (used.has(core) && attempt < 40) continue;
    const unique = used.has(core) ? `${core} ${attempt}` : core;
    used.add(unique);
    return {
      name: `${unique} ${random.pick(place.legal)}`,
      kana: null,
      domain: uniqueDomain(slug(unique), place.tld, used),
      territory: place.territory,
      region: place.region,
      japanese,
    };
  }
}

function person(random: Random, japanese: boolean, domain: string) {
  if (japanese) {
    const [family, familyKana] = random.pick(JP_FAMILY);
    const [given, givenKana] = random.pick(JP_GIVEN);
    const local = `${toRomaji(givenKana)}.${toRomaji(familyKana)}`;
    return { name: `${family} ${given}`, kana: `${familyKana} ${givenKana}`, email: `${local}@${domain}` };
  }
  const given = random.pick(EN_GIVEN);
  const family = random.pick(EN_FAMILY);
  return { name: `${given} ${family}`, kana: null, email: `${slug(given)}.${slug(family)}@${domain}` };
}

function phone(random: Random, region: string): string {
  const digits = (count: number) => Array.from({ length: count }, () => random.int(10)).join('');
  switch (region) {
    case 'JP':
      return `+81${random.pick(['3', '6', '52', '92'])}${digits(8)}`;
    case 'DE':
      return `+49${random.pick(['30', '89', '40'])}${digits(8)}`;
    case 'GB':
      return `+4420${digits(8)}`;
    default:
      return `+1${random.pick(['415', '212', '617'])}${digits(7)}`;
  }
}

/** Which channels happen at which stage, with weights: early stages are marketing-heavy. */
function channelsFor(stageIndex: number): { channel: Channel; weight: number }[] {
  const early = stageIndex <= 1;
  const late = stageIndex >= 5;
  return [
    { channel: 'web_visit', weight: early ? 8 : 3 },
    { channel: 'content_download', weight: early ? 5 : 2 },
    { channel: 'email', weight: 5 },
    { channel: 'webinar', weight: early ? 3 : 1 },
    { channel: 'ad', weight: early ? 3 : 0.5 },
    { channel: 'trade_show', weight: early ? 2 : 0.5 },
    { channel: 'business_card', weight: early ? 1.5 : 0.5 },
    { channel: 'call', weight: early ? 1 : 3 },
    { channel: 'meeting', weight: early ? 0.5 : late ? 4 : 3 },
    { channel: 'content_presented', weight: early ? 0.3 : 2 },
    { channel: 'content_shared', weight: early ? 0.5 : 1.5 },
    { channel: 'follow_up_sent', weight: 1.5 },
  ];
}

function teamFor(random: Random, channel: Channel, stageIndex: number): Team {
  switch (channel) {
    case 'web_visit':
    case 'content_download':
    case 'webinar':
    case 'ad':
      return 'marketing';
    case 'email':
      return random.next() < 0.6 ? 'marketing' : 'inside_sales';
    case 'trade_show':
    case 'business_card':
      return random.next() < 0.5 ? 'marketing' : 'field_sales';
    case 'call':
    case 'follow_up_sent':
      return random.next() < 0.6 ? 'inside_sales' : 'field_sales';
    default:
      return stageIndex >= 5 ? 'customer_success' : 'field_sales';
  }
}

interface Catalogue {
  items: Dataset['contentItems'];
  versions: DatasetContentVersion[];
  /** Versions that were current at some point, for touchpoints to reference. */
  deliverable: DatasetContentVersion[];
}

/** One catalogue file as resources/demo/content/manifest.json lists it (broken fixtures are skipped). */
const DemoFile = z.object({
  itemIndex: z.number().int(),
  version: z.number().int(),
  sha256: z.string(),
  size: z.number().int(),
  mime: z.string(),
  pageCount: z.number().int().nullable(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
});
type DemoFile = z.infer<typeof DemoFile>;

const DEMO_MANIFEST = new URL('../../../resources/demo/content/manifest.json', import.meta.url);

function demoFiles(): DemoFile[] {
  const entries = z.array(z.unknown()).parse(JSON.parse(readFileSync(DEMO_MANIFEST, 'utf8')));
  return entries.flatMap((entry) => {
    const file = DemoFile.safeParse(entry);
    return file.success ? [file.data] : [];
  });
}

/** A manifest date (the validity the file prints) as the instant it starts, UTC. */
const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The key messages a deck states: its first message slide always, the second in decks of seven pages or more. */
function keyMessagesOf(index: number, japanese: boolean, pageCount: number | null): string[] {
  const messages = KEY_MESSAGES[japanese ? 'ja' : 'en'];
  const pick = (offset: number) => messages[(index + offset) % messages.length] ?? '';
  return pageCount !== null && pageCount >= 7 ? [pick(0), pick(1)] : [pick(0)];
}

/**
 * The demo catalogue: titles, kinds and tags are generated; each version's file facts
 * (SHA-256, size, type, pages) and validity come from the demo content manifest, so the
 * dates the files print are the dates the app enforces, and the content store can hold
 * the real files. Item 1 has only an expired version, item 2 only one not yet released,
 * item 7 expires within two weeks: every state is visible on first run.
 */
function catalogue(random: Random): Catalogue {
  const files = demoFiles();
  const items: Dataset['contentItems'] = [];
  const versions: DatasetContentVersion[] = [];
  CONTENT_TITLES.forEach(([titleJa, titleEn, product], index) => {
    const japanese = index % 3 !== 2;
    const kind = titleEn.includes('video') ? 'video' : index % 10 === 9 ? 'image' : 'pdf';
    const own = files.filter((file) => file.itemIndex === index).sort((a, b) => a.version - b.version);
    const first = own[0];
    if (!first) throw new Error(`The demo content manifest has no file for item ${index}.`);
    const createdAt = dayStart(first.validFrom);
    const itemId = random.id(createdAt);
    items.push({ id: itemId, kind });
    const stageCount = 1 + random.int(3);
    const firstStage = random.int(STAGE_CODES.length - stageCount + 1);
    const tags = {
      stages: STAGE_CODES.slice(firstStage, firstStage + stageCount),
      industries: index % 5 === 0 ? [...INDUSTRIES] : [...new Set([random.pick(INDUSTRIES), random.pick(INDUSTRIES)])],
      roles: [...new Set([random.pick(COMMITTEE_ROLES), random.pick(COMMITTEE_ROLES)])],
      products: [product],
      language: [japanese ? 'ja' : 'en'],
    };
    for (const file of own) {
      const validFrom = dayStart(file.validFrom);
      versions.push({
        id: random.id(validFrom),
        itemId,
        version: file.version,
        title: japanese ? titleJa : titleEn,
        language: japanese ? 'ja' : 'en',
        approval: 'approved',
        validFrom,
        validUntil: file.validUntil === null ? null : dayStart(file.validUntil),
        sha256: file.sha256,
        size: file.size,
        mime: file.mime,
        pageCount: file.pageCount,
        tags,
        keyMessages: keyMessagesOf(index, japanese, file.pageCount),
        approvedBy: random.pick(AUTHORS.marketing ?? []),
      });
    }
  });
  const deliverable = versions.filter((v) => v.validFrom <= DEMO_ANCHOR);
  return { items, versions, deliverable };
}

function events(random: Random): DatasetEvent[] {
  const day = (offset: number) => new Date(DEMO_ANCHOR + offset * DAY).toISOString().slice(0, 10);
  const questions = [
    { id: 'timeline', kind: 'single', labelJa: '導入時期', labelEn: 'Timeline', options: ['3m', '6m', '12m', 'none'] },
    {
      id: 'team_size',
      kind: 'single',
      labelJa: '営業チームの人数',
      labelEn: 'Sales team size',
      options: ['1-10', '11-50', '51+'],
    },
    { id: 'pain', kind: 'text', labelJa: '課題', labelEn: 'Main challenge' },
  ];
  const base = { questions, products: ['field_suite', 'capture', 'library', 'platform'] };
  return [
    {
      id: random.id(DEMO_ANCHOR - 30 * DAY),
      name: 'Japan IT Week 秋 2026',
      venue: '幕張メッセ',
      startsOn: day(-31),
      endsOn: day(-29),
      booth: '12-34',
      consentText: '展示会でお預かりした個人情報は、製品のご案内のために利用します。',
      consentVersion: 'ja-2026-09',
      ...base,
    },
    {
      id: random.id(DEMO_ANCHOR - 20 * DAY),
      name: 'OneTeam Customer Summit Tokyo',
      venue: '東京国際フォーラム',
      startsOn: day(1),
      endsOn: day(1),
      booth: 'A-1',
      consentText: 'ご登録情報はイベント運営と製品のご案内に利用します。',
      consentVersion: 'ja-2026-10',
      ...base,
    },
    {
      id: random.id(DEMO_ANCHOR - 10 * DAY),
      name: 'Hannover Messe 2027',
      venue: 'Hannover Exhibition Grounds',
      startsOn: day(140),
      endsOn: day(144),
      booth: 'Hall 7, C12',
      consentText: 'We use the details you share to send information about our products.',
      consentVersion: 'en-2027-01',
      ...base,
    },
  ];
}

/** A trade show a visitor could have met us at. */
interface Show {
  name: string;
  startsAt: number;
  days: number;
}

/** Shows the demo's booth staff went to in earlier seasons: name, month (0-based), first day, length in days. */
const RECURRING_SHOWS: [string, number, number, number][] = [
  ['Hannover Messe', 3, 1, 5],
  ['Japan IT Week 春', 3, 23, 3],
  ['Interop Tokyo', 5, 11, 3],
  ['CEATEC', 9, 15, 4],
  ['Japan IT Week 秋', 9, 1, 3],
  ['Web Summit', 10, 11, 4],
];

/**
 * Every show before the anchor, oldest first: the recurring shows of the past years and the
 * demo's own events that had begun by then. A booth conversation or a card exchange names
 * one of these and happens on its days, never at a show that had not taken place yet.
 */
function showCalendar(eventList: readonly DatasetEvent[]): Show[] {
  const own = eventList.map((event) => ({
    name: event.name,
    startsAt: dayStart(event.startsOn),
    days: (dayStart(event.endsOn) - dayStart(event.startsOn)) / DAY + 1,
  }));
  const anchorYear = new Date(DEMO_ANCHOR).getUTCFullYear();
  const earlier = Array.from({ length: 4 }, (_, back) => anchorYear - back).flatMap((year) =>
    RECURRING_SHOWS.map(([name, month, day, days]) => ({
      name: `${name} ${year}`,
      startsAt: Date.UTC(year, month, day),
      days,
    })),
  );
  const ownNames = new Set(own.map((show) => show.name));
  return [...earlier.filter((show) => !ownNames.has(show.name)), ...own]
    .filter((show) => show.startsAt + show.days * DAY <= DEMO_ANCHOR)
    .sort((a, b) => a.startsAt - b.startsAt);
}

/**
 * The show a booth touchpoint due around `time` took place at: the latest one since the
 * account was created, or its first one when the touchpoint comes before any. `moment`
 * (0–1) picks the day of the show and the hour, during opening hours.
 */
function showFor(calendar: readonly Show[], createdAt: number, time: number, moment: number) {
  const since = calendar.filter((show) => show.startsAt >= createdAt);
  const show = since.filter((s) => s.startsAt <= time).at(-1) ?? since[0];
  // Accounts are created at least 60 days before the anchor, and a show ends every couple of months.
  if (!show) throw new Error('no trade show since the account was created');
  const slot = Math.floor(moment * show.days * 8);
  const at = show.startsAt + Math.floor(slot / 8) * DAY + (9 + (slot % 8)) * 3_600_000;
  return { name: show.name, at };
}

function summaryFor(
  random: Random,
  channel: Channel,
  japanese: boolean,
  content: DatasetContentVersion | undefined,
  showName: string,
): string {
  const title = content?.title ?? '';
  const [pageJa, pageEn] = random.pick(WEB_PAGES);
  const text: Record<Channel, [string, string]> = {
    web_visit: [`Webサイトの${pageJa}を閲覧`, `Visited the ${pageEn}`],
    content_download: [`「${title}」をダウンロード`, `Downloaded "${title}"`],
    email:
      random.next() < 0.5
        ? ['ニュースレターを開封', 'Opened the newsletter']
        : ['フォローアップメールに返信', 'Replied to the follow-up email'],
    webinar: [`ウェビナー「${title}」に参加`, `Attended the webinar "${title}"`],
    ad: ['LinkedIn 広告をクリック', 'Clicked a LinkedIn ad'],
    trade_show: [`${showName} のブースで会話`, `Talked at our booth at ${showName}`],
    business_card: [`${showName} で名刺交換`, `Exchanged business cards at ${showName}`],
    call:
      random.next() < 0.5 ? ['ヒアリングの電話', 'Discovery call'] : ['要件確認の電話', 'Call to confirm requirements'],
    meeting:
      random.next() < 0.5
        ? ['訪問商談：課題のヒアリング', 'On-site meeting: current challenges']
        : ['オンライン商談：導入計画の確認', 'Online meeting: implementation plan'],
    content_presented: [`「${title}」をプレゼン`, `Presented "${title}"`],
    content_shared: [`「${title}」をメールで共有`, `Shared "${title}" by email`],
    follow_up_sent: [`フォローアップ送付（「${title}」）`, `Sent a follow-up with "${title}"`],
  };
  return text[channel][japanese ? 0 : 1];
}

function detailsFor(
  random: Random,
  channel: Channel,
  content: DatasetContentVersion | undefined,
  japanese: boolean,
  occurredAt: number,
  attendeeCount: number,
) {
  if (channel === 'content_presented' && content) {
    // The same details the presenter writes, so the journey shows generated and real presentations alike.
    const count = content.pageCount === null ? 1 : Math.min(content.pageCount, 3 + random.int(6));
    const pages = Array.from({ length: count }, (_, index) => ({
      versionId: content.id,
      page: content.pageCount === null ? null : index + 1,
      seconds: 5 + random.int(90),
      seen: true,
    }));
    return {
      presentationId: random.id(occurredAt),
      deckName: null,
      eventId: null,
      durationSeconds: pages.reduce((sum, page) => sum + page.seconds, 0),
      pages,
      keyMessagesCovered: content.keyMessages,
      attendeeCount,
      recovered: false,
    };
  }
  if (channel === 'meeting' || channel === 'call') {
    return japanese
      ? { notes: '予算は来期で確保予定。情報システム部の承認が必要。', nextSteps: '技術資料を送付し、来月デモを実施' }
      : {
          notes: 'Budget planned for next fiscal year; IT sign-off required.',
          nextSteps: 'Send the technical brief; demo next month',
        };
  }
  return {};
}

/**
 * Deterministic demo data: the same seed and scale give byte-identical output on any
 * machine. `accountBatches` streams one account at a time so the benchmark's
 * 2,000,000-touchpoint territory never has to sit in memory at once.
 */
export function createGenerator(options: GenerateOptions = {}) {
  const seed = options.seed ?? 20261101;
  const scale = options.scale ?? 1;
  const random = createRandom(seed);
  const content = catalogue(random);
  const eventList = events(random);
  const calendar = showCalendar(eventList);
  const accountCount = options.accounts ?? Math.max(1, Math.round(300 * scale));
  const touchpointTotal = options.touchpoints ?? Math.round(20_000 * scale);
  // One "whale" account holds 0.5 % of all touchpoints (10,000 at the benchmark's 2,000,000).
  const whale = Math.max(100, Math.round(touchpointTotal * 0.005));
  const perAccount = (touchpointTotal - whale) / Math.max(1, accountCount - 1);

  function* accountBatches(): Generator<AccountBatch> {
    const used = new Set<string>();
    for (let index = 0; index < accountCount; index++) {
      const company = companyName(random, used);
      const createdAt = DEMO_ANCHOR - (60 + random.int(900)) * DAY;
      const stageIndex = Math.min(6, Math.floor(random.next() * random.next() * 9));
      const stageCode = STAGE_CODES[stageIndex] ?? 'problem_identification';
      const industry = random.pick(INDUSTRIES);
      const accountId = random.id(createdAt);
      const account = {
        id: accountId,
        name: company.name,
        nameKana: company.kana,
        domains: [company.domain],
        industry,
        size: random.pick(SIZES),
        region: company.region,
        territory: company.territory,
        stageCode,
        businessNotes: company.japanese
          ? '受注生産型。営業は代理店経由が中心で、展示会からの引き合いが多い。'
          : 'Build-to-order business; sells mostly through partners, many leads from trade shows.',
        industryNotes: company.japanese
          ? '業界全体で人手不足とDX投資が進行中。'
          : 'Industry-wide labour shortage and growing digital investment.',
        createdAt,
      };
      const contactCount = 3 + random.int(5);
      const roles: (CommitteeRole | null)[] = ['decision_maker', 'champion'];
      const contacts = Array.from({ length: contactCount }, (_, contactIndex) => {
        const who = person(random, company.japanese, company.domain);
        const role = roles[contactIndex] ?? (random.next() < 0.85 ? random.pick(COMMITTEE_ROLES) : null);
        const titles = TITLES[role ?? 'user'] ?? [];
        const title = titles.length > 0 ? random.pick(titles)[company.japanese ? 0 : 1] : null;
        return {
          id: random.id(createdAt + contactIndex),
          accountId,
          name: who.name,
          nameKana: who.kana,
          title,
          department: random.pick(DEPARTMENTS)[company.japanese ? 0 : 1],
          role,
          emails: [who.email],
          phones: random.next() < 0.8 ? [phone(random, company.region)] : [],
          consent: random.pick(['granted', 'granted', 'unknown', 'denied'] as const),
          createdAt,
        };
      });
      const count = index === 0 ? whale : Math.max(1, Math.round(perAccount * (0.3 + random.next() * 1.4)));
      const span = DEMO_ANCHOR - createdAt;
      const times = Array.from({ length: count }, () => createdAt + Math.floor(random.next() * span)).sort(
        (a, b) => a - b,
      );
      const touchpoints: DatasetTouchpoint[] = times.map((time, position) => {
        const atStage = Math.min(stageIndex, Math.floor(((position + 0.5) / count) * (stageIndex + 1)));
        const { channel } = random.weighted(channelsFor(atStage));
        const delivers = (CONTENT_DELIVERY_CHANNELS as readonly Channel[]).includes(channel);
        const released = content.deliverable.filter((v) => v.validFrom <= time);
        const inLanguage = released.filter((v) => (v.language === 'ja') === company.japanese);
        const available = inLanguage.length > 0 ? inLanguage : released;
        const version = delivers && available.length > 0 ? random.pick(available) : undefined;
        const team = teamFor(random, channel, atStage);
        const people = 1 + (random.next() < 0.3 ? random.int(2) : 0);
        const contactIds = [...new Set(Array.from({ length: people }, () => random.pick(contacts).id))];
        const moment = random.next();
        const atShow = channel === 'trade_show' || channel === 'business_card';
        const show = atShow ? showFor(calendar, createdAt, time, moment) : null;
        const occurredAt = show?.at ?? time;
        return {
          id: random.id(occurredAt),
          accountId,
          occurredAt,
          channel,
          team,
          stageCode: STAGE_CODES[atStage] ?? stageCode,
          summary: summaryFor(random, channel, company.japanese, version, show?.name ?? ''),
          details: detailsFor(random, channel, version, company.japanese, occurredAt, contactIds.length),
          author: random.pick(AUTHORS[team] ?? []),
          contactIds,
          contentVersionIds: version ? [version.id] : [],
        };
      });
      // A booth touchpoint moved to its show's days: the account's journey stays in time order.
      touchpoints.sort((a, b) => a.occurredAt - b.occurredAt);
      yield { account, contacts, touchpoints };
    }
  }

  return {
    anchor: DEMO_ANCHOR,
    events: eventList,
    contentItems: content.items,
    contentVersions: content.versions,
    accountBatches,
  };
}

/** The whole dataset in memory, for the demo file (scale 1). */
export function generateDataset(options: GenerateOptions = {}): Dataset {
  const generator = createGenerator(options);
  return {
    format: 1,
    anchor: generator.anchor,
    events: generator.events,
    contentItems: generator.contentItems,
    contentVersions: generator.contentVersions,
    batches: [...generator.accountBatches()],
  };
}
