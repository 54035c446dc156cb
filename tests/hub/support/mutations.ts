import { v7 as uuidv7 } from 'uuid';
import { formatHlc, type Hlc, type Mutation, type MutationPayload } from '../../../src/shared/sync-api';

/** Builders for outbox mutations as the app will send them. */

export const mutationId = () => uuidv7();

export function accountCreate(overrides: Partial<MutationPayload<'account.create'>> = {}): Mutation {
  return {
    mutationId: mutationId(),
    kind: 'account.create',
    payload: {
      id: uuidv7(),
      name: 'Tokai Precision 株式会社',
      nameKana: 'トウカイプレシジョン',
      domains: ['tokai-precision.co.jp'],
      industry: 'manufacturing',
      size: '100-499',
      region: 'JP',
      territory: 'kanto',
      stageCode: 'problem_identification',
      businessNotes: '',
      industryNotes: '',
      createdAt: Date.UTC(2026, 9, 1),
      ...overrides,
    },
  };
}

export function contactCreate(accountId: string, overrides: Partial<MutationPayload<'contact.create'>> = {}): Mutation {
  return {
    mutationId: mutationId(),
    kind: 'contact.create',
    payload: {
      id: uuidv7(),
      accountId,
      name: '佐藤 健一',
      nameKana: 'サトウ ケンイチ',
      title: '部長',
      department: '情報システム部',
      role: 'decision_maker',
      emails: ['kenichi.sato@tokai-precision.co.jp'],
      phones: ['+81312345678'],
      consent: 'unknown',
      createdAt: Date.UTC(2026, 9, 2),
      ...overrides,
    },
  };
}

export function touchpointCreate(
  accountId: string,
  overrides: Partial<MutationPayload<'touchpoint.create'>> = {},
): Mutation {
  return {
    mutationId: mutationId(),
    kind: 'touchpoint.create',
    payload: {
      id: uuidv7(),
      accountId,
      occurredAt: Date.UTC(2026, 9, 3),
      channel: 'meeting',
      team: 'field_sales',
      stageCode: 'solution_exploration',
      summary: 'On-site meeting: current challenges',
      details: { notes: 'Budget planned for next fiscal year.' },
      author: 'Rep',
      originDevice: 'device-a',
      supersedesId: null,
      contactIds: [],
      contentVersionIds: [],
      ...overrides,
    },
  };
}

export const hlc = (ms: number, node: string, counter = 0): Hlc => formatHlc({ ms, counter, node });

export function accountUpdate(id: string, fields: MutationPayload<'account.update'>['fields']): Mutation {
  return { mutationId: mutationId(), kind: 'account.update', payload: { id, fields } };
}

export function contactUpdate(id: string, fields: MutationPayload<'contact.update'>['fields']): Mutation {
  return { mutationId: mutationId(), kind: 'contact.update', payload: { id, fields } };
}
