/**
 * Word lists for the demo generator. Readings are katakana, as Japanese CRMs store フリガナ.
 */
export const JP_STEMS: [string, string][] = [
  ['山田', 'ヤマダ'],
  ['東洋', 'トウヨウ'],
  ['日本', 'ニホン'],
  ['大和', 'ヤマト'],
  ['北斗', 'ホクト'],
  ['中央', 'チュウオウ'],
  ['富士', 'フジ'],
  ['三協', 'サンキョウ'],
  ['関東', 'カントウ'],
  ['桜井', 'サクライ'],
  ['青葉', 'アオバ'],
  ['光陽', 'コウヨウ'],
  ['昭和', 'ショウワ'],
  ['瀬戸内', 'セトウチ'],
  ['浪速', 'ナニワ'],
  ['北陸', 'ホクリク'],
  ['銀河', 'ギンガ'],
  ['新星', 'シンセイ'],
  ['白鷺', 'シラサギ'],
  ['若葉', 'ワカバ'],
  ['トライツ', 'トライツ'],
  ['ミライ', 'ミライ'],
  ['ネクスト', 'ネクスト'],
  ['アルファ', 'アルファ'],
  ['サクラ', 'サクラ'],
  ['ヒカリ', 'ヒカリ'],
  ['コスモ', 'コスモ'],
  ['エコー', 'エコー'],
  ['ユニオン', 'ユニオン'],
  ['フロンティア', 'フロンティア'],
];
export const JP_BUSINESS: [string, string, string][] = [
  ['製作所', 'セイサクショ', 'seisakusho'],
  ['工業', 'コウギョウ', 'kogyo'],
  ['電機', 'デンキ', 'denki'],
  ['システムズ', 'システムズ', 'systems'],
  ['物流', 'ブツリュウ', 'butsuryu'],
  ['化学', 'カガク', 'kagaku'],
  ['精工', 'セイコウ', 'seiko'],
  ['ソリューションズ', 'ソリューションズ', 'solutions'],
  ['商事', 'ショウジ', 'shoji'],
  ['建設', 'ケンセツ', 'kensetsu'],
  ['ホールディングス', 'ホールディングス', 'hd'],
  ['テクノロジー', 'テクノロジー', 'tech'],
  ['メディカル', 'メディカル', 'medical'],
  ['フーズ', 'フーズ', 'foods'],
];
export const JP_LEGAL = [
  { text: '株式会社', position: 'prefix' },
  { text: '株式会社', position: 'suffix' },
  { text: '(株)', position: 'suffix' },
  { text: '有限会社', position: 'prefix' },
] as const;

export const EN_STEMS = [
  'Acme',
  'Globex',
  'Initech',
  'Northwind',
  'Vandelay',
  'Nordwind',
  'Bergmann',
  'Rheinland',
  'Alpen',
  'Pacific',
  'Summit',
  'Blue River',
  'Northstar',
  'Helix',
  'Orbit',
  'Vertex',
  'Lindqvist',
  'Harbor',
  'Crescent',
  'Falkenberg',
];
export const EN_BUSINESS = [
  'Systems',
  'Analytics',
  'Logistics',
  'Manufacturing',
  'Robotics',
  'Health',
  'Foods',
  'Energy',
  'Software',
  'Materials',
];

export const INDUSTRIES = [
  'manufacturing',
  'it_services',
  'finance',
  'healthcare',
  'retail',
  'logistics',
  'construction',
  'energy',
] as const;
export const SIZES = ['1-50', '51-200', '201-1000', '1001-5000', '5000+'] as const;

export const JP_TERRITORIES = [
  { territory: 'kanto', weight: 6 },
  { territory: 'kansai', weight: 2 },
  { territory: 'chubu', weight: 1 },
  { territory: 'kyushu', weight: 1 },
];
export const EN_TERRITORIES = [
  { territory: 'dach', region: 'DE', legal: ['GmbH', 'AG'], tld: 'de' },
  { territory: 'us_west', region: 'US', legal: ['Inc.', 'Corp.', 'LLC'], tld: 'com' },
  { territory: 'us_east', region: 'US', legal: ['Inc.', 'Corp.'], tld: 'com' },
  { territory: 'uk', region: 'GB', legal: ['Ltd.', 'Co., Ltd.'], tld: 'co.uk' },
];

export const JP_FAMILY: [string, string][] = [
  ['佐藤', 'サトウ'],
  ['鈴木', 'スズキ'],
  ['高橋', 'タカハシ'],
  ['田中', 'タナカ'],
  ['伊藤', 'イトウ'],
  ['渡辺', 'ワタナベ'],
  ['山本', 'ヤマモト'],
  ['中村', 'ナカムラ'],
  ['小林', 'コバヤシ'],
  ['加藤', 'カトウ'],
  ['吉田', 'ヨシダ'],
  ['山口', 'ヤマグチ'],
  ['松本', 'マツモト'],
  ['井上', 'イノウエ'],
  ['木村', 'キムラ'],
  ['林', 'ハヤシ'],
  ['清水', 'シミズ'],
  ['山崎', 'ヤマザキ'],
  ['森', 'モリ'],
  ['池田', 'イケダ'],
];
export const JP_GIVEN: [string, string][] = [
  ['太郎', 'タロウ'],
  ['花子', 'ハナコ'],
  ['健一', 'ケンイチ'],
  ['直美', 'ナオミ'],
  ['翔太', 'ショウタ'],
  ['美咲', 'ミサキ'],
  ['大輔', 'ダイスケ'],
  ['陽子', 'ヨウコ'],
  ['誠', 'マコト'],
  ['恵', 'メグミ'],
  ['拓也', 'タクヤ'],
  ['由美', 'ユミ'],
  ['亮', 'リョウ'],
  ['彩', 'アヤ'],
  ['浩二', 'コウジ'],
  ['真由美', 'マユミ'],
];
export const EN_GIVEN = [
  'Anna',
  'Lukas',
  'Sarah',
  'Michael',
  'Julia',
  'David',
  'Emma',
  'Thomas',
  'Laura',
  'James',
  'Sophie',
  'Daniel',
  'Lena',
  'Robert',
  'Maria',
  'Felix',
];
export const EN_FAMILY = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Smith',
  'Johnson',
  'Brown',
  'Miller',
  'Davis',
  'Wilson',
  'Taylor',
  'Anderson',
  'Becker',
  'Wagner',
  'Hoffmann',
];

/** Titles by buying-committee role: [Japanese, English]. */
export const TITLES: Record<string, [string, string][]> = {
  decision_maker: [
    ['代表取締役', 'CEO'],
    ['取締役 CTO', 'CTO'],
    ['事業部長', 'VP Operations'],
  ],
  champion: [
    ['課長', 'Head of Digital'],
    ['DX推進室 室長', 'Innovation Lead'],
  ],
  influencer: [
    ['主任', 'Senior Architect'],
    ['技術顧問', 'Technical Advisor'],
  ],
  evaluator: [
    ['情報システム部 係長', 'IT Manager'],
    ['品質保証部 主任', 'QA Lead'],
  ],
  user: [
    ['製造部 担当', 'Operations Specialist'],
    ['営業企画部 担当', 'Sales Operations Analyst'],
  ],
  blocker: [['経理部長', 'Finance Director']],
  procurement: [['購買部 課長', 'Procurement Manager']],
};
export const DEPARTMENTS: [string, string][] = [
  ['経営企画部', 'Strategy'],
  ['情報システム部', 'IT'],
  ['製造部', 'Operations'],
  ['購買部', 'Procurement'],
  ['営業企画部', 'Sales Operations'],
  ['DX推進室', 'Digital Transformation'],
];

export const AUTHORS: Record<string, string[]> = {
  marketing: ['高橋 由美', 'Lena Becker', 'Marketing Automation'],
  field_sales: ['山田 太郎', '中村 健一', 'Thomas Weber'],
  inside_sales: ['小林 彩', 'Sarah Miller'],
  customer_success: ['松本 誠', 'Julia Fischer'],
};

/** Demo content catalogue: [Japanese title, English title, product]. */
export const CONTENT_TITLES: [string, string, string][] = [
  ['製造業DX 導入ガイド', 'Manufacturing DX adoption guide', 'field_suite'],
  ['展示会リード管理 ホワイトペーパー', 'Trade-show lead management whitepaper', 'capture'],
  ['導入事例：東洋精工様', 'Case study: Toyo Seiko', 'field_suite'],
  ['ROI 試算シート', 'ROI calculator', 'field_suite'],
  ['セキュリティ概要', 'Security overview', 'platform'],
  ['製品デモ動画', 'Product demo video', 'field_suite'],
  ['価格表 2026', 'Price list 2026', 'field_suite'],
  ['オフライン同期の仕組み', 'How offline sync works', 'platform'],
  ['コンテンツ管理 ベストプラクティス', 'Content governance best practices', 'library'],
  ['営業とマーケの One Team 入門', 'One Team sales & marketing primer', 'platform'],
  ['名刺管理 連携ガイド', 'Business-card integration guide', 'capture'],
  ['導入事例：Bergmann GmbH', 'Case study: Bergmann GmbH', 'library'],
  ['物流業界向け提案書', 'Logistics industry proposal', 'field_suite'],
  ['医療機器業界向け提案書', 'Medical devices industry proposal', 'field_suite'],
  ['金融業界向けコンプライアンス資料', 'Financial services compliance brief', 'platform'],
  ['要件定義チェックリスト', 'Requirements checklist', 'field_suite'],
  ['比較表：主要ツール', 'Comparison sheet: leading tools', 'field_suite'],
  ['導入スケジュール例', 'Sample implementation timeline', 'field_suite'],
  ['活用定着プログラム', 'Adoption success programme', 'platform'],
  ['拡張モジュール紹介', 'Expansion modules overview', 'library'],
  ['ウェビナー資料：顧客体験の一貫性', 'Webinar deck: consistent customer experience', 'platform'],
  ['プレゼンテーション モード紹介', 'Presenter mode overview', 'library'],
  ['API 連携ガイド', 'API integration guide', 'platform'],
  ['建設業界向け提案書', 'Construction industry proposal', 'field_suite'],
  ['小売業界向け提案書', 'Retail industry proposal', 'field_suite'],
  ['エネルギー業界事例集', 'Energy sector case collection', 'library'],
  ['IT部門向け技術資料', 'Technical brief for IT', 'platform'],
  ['経営層向けサマリー', 'Executive summary', 'field_suite'],
  ['トレーニング資料', 'Training handbook', 'platform'],
  ['製品パンフレット', 'Product brochure', 'field_suite'],
];

export const WEB_PAGES: [string, string][] = [
  ['料金ページ', 'pricing page'],
  ['導入事例ページ', 'customer stories'],
  ['製品概要ページ', 'product overview'],
  ['セキュリティページ', 'security page'],
  ['採用情報', 'careers page'],
  ['ブログ記事', 'blog article'],
];

/**
 * The approved key messages of the demo decks, in the order the slides state them: an
 * item's deck carries message (index mod 8) first, then the next one
 * (scripts/generate-demo-content.ts prints these headings; a test checks each version's
 * key messages are printed in its file).
 */
export const KEY_MESSAGES: Record<'ja' | 'en', string[]> = {
  ja: [
    'オフラインでも承認済み資料だけを提示',
    '営業とマーケティングが同じ顧客履歴を共有',
    'すべての提示が顧客ジャーニーに残る',
    '資料は常に最新の承認版',
    '購買委員会を前提に設計',
    '標準でセキュア',
    '一般的なノートPCでも高速',
    '定着を数値で把握',
  ],
  en: [
    'Only approved material, even offline',
    'Sales and marketing share one customer history',
    'Every presentation lands in the journey',
    'Decks that keep themselves current',
    'Built for buying committees',
    'Secure by design',
    'Fast on an ordinary laptop',
    'Adoption you can measure',
  ],
};
