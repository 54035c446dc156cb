/** Local table and column of each mutable field the hub keeps a clock for (the wire names are camelCase). */
export const ENTITY_TABLE = { account: 'accounts', contact: 'contacts' } as const;

export const FIELD_COLUMN: Readonly<Record<string, string>> = {
  stageCode: 'stage_code',
  businessNotes: 'business_notes',
  industryNotes: 'industry_notes',
  name: 'name',
  nameKana: 'name_kana',
  title: 'title',
  department: 'department',
  role: 'role',
  emails: 'emails',
  phones: 'phones',
  consent: 'consent',
};
