import { describe, expect, it } from 'vitest';
import { ContactMatcher, emailDomain, type MatchQuery } from '../../electron/core/capture/matcher';
import { companyKey, personKey } from '../../electron/core/capture/normalize-company';

describe('companyKey', () => {
  it('treats 株式会社トライツ, トライツ(株), ㈱トライツ and ﾄﾗｲﾂ as the same company', () => {
    const keys = ['株式会社トライツ', 'トライツ(株)', '㈱トライツ', 'ﾄﾗｲﾂ', 'トライツ株式会社', 'とらいつ'].map(
      companyKey,
    );
    expect(new Set(keys)).toEqual(new Set(['とらいつ']));
  });

  it('treats Ａｃｍｅ　ＧｍｂＨ and acme gmbh (and Acme Co., Ltd.) as the same company', () => {
    expect(companyKey('Ａｃｍｅ　ＧｍｂＨ')).toBe(companyKey('acme gmbh'));
    expect(companyKey('Acme Co., Ltd.')).toBe('acme');
    expect(companyKey('ACME Inc.')).toBe('acme');
  });

  it('knows the legal forms visitors bring from Germany, Singapore, Australia, Malaysia and Japanese associations', () => {
    for (const [a, b] of [
      ['Tryets GmbH & Co. KG', 'Tryets GmbH'],
      ['Tryets Pte. Ltd.', 'Tryets'],
      ['Tryets Pty Ltd', 'Tryets'],
      ['Tryets Sdn. Bhd.', 'Tryets'],
      ['一般社団法人トライツ', 'トライツ'],
      ['(公財)トライツ', 'トライツ'],
    ]) {
      expect(companyKey(a!), a).toBe(companyKey(b!));
    }
  });

  it('only strips legal forms as whole words', () => {
    expect(companyKey('Agri AG')).toBe('agri');
    expect(companyKey('Incubate Labs')).toBe('incubatelabs');
  });
});

describe('personKey', () => {
  it('ignores spaces, width and kana kind', () => {
    expect(personKey('ヤマダ', 'タロウ')).toBe(personKey('やまだ たろう'));
    expect(personKey('ﾔﾏﾀﾞ　ﾀﾛｳ')).toBe(personKey('ヤマダタロウ'));
  });
});

describe('emailDomain', () => {
  it('gives company domains and ignores web-mail and malformed addresses', () => {
    expect(emailDomain('Taro@Triz.CO.JP')).toBe('triz.co.jp');
    expect(emailDomain('someone@gmail.com')).toBeNull();
    // A carrier or home-ISP address is no company either.
    for (const address of ['taro@i.softbank.jp', 'taro@au.com', 'taro@nifty.com', 'taro@hotmail.co.jp']) {
      expect(emailDomain(address), address).toBeNull();
    }
    expect(emailDomain('taro@')).toBeNull();
  });
});

const blank: MatchQuery = {
  familyName: '',
  givenName: '',
  familyKana: '',
  givenKana: '',
  company: '',
  companyKana: '',
  emails: [],
  phones: [],
};

function matcher(): ContactMatcher {
  const m = new ContactMatcher();
  m.load(
    [
      { id: 'a-triz', name: '株式会社トライツ', nameKana: 'トライツ', domains: ['triz.co.jp'] },
      { id: 'a-acme', name: 'Acme GmbH', nameKana: null, domains: ['acme.de'] },
      { id: 'a-yamada', name: '山田製作所(株)', nameKana: 'ヤマダセイサクショ', domains: [] },
    ],
    [
      {
        id: 'c-taro',
        accountId: 'a-triz',
        name: '山田 太郎',
        nameKana: 'ヤマダ タロウ',
        emails: ['taro@triz.co.jp'],
        phones: ['+81312345678'],
      },
      { id: 'c-anna', accountId: 'a-acme', name: 'Anna Müller', nameKana: null, emails: ['anna@acme.de'], phones: [] },
      {
        id: 'c-other-taro',
        accountId: 'a-yamada',
        name: '山田 太郎',
        nameKana: 'ヤマダ タロウ',
        emails: [],
        phones: [],
      },
    ],
  );
  return m;
}

describe('ContactMatcher', () => {
  it('puts an exact e-mail match first, with the reason', () => {
    const [best] = matcher().match({ ...blank, emails: ['TARO@triz.co.jp'] });
    expect(best).toMatchObject({ contactId: 'c-taro', accountId: 'a-triz' });
    expect(best?.reasons).toEqual(expect.arrayContaining(['email', 'email_domain']));
  });

  it('matches by E.164 phone', () => {
    expect(matcher().match({ ...blank, phones: ['+81312345678'] })[0]).toMatchObject({
      contactId: 'c-taro',
      reasons: ['phone'],
    });
  });

  it('matches the company whatever its legal form or width, and proposes its contact by name', () => {
    const results = matcher().match({ ...blank, familyName: '山田', givenName: '太郎', company: 'ﾄﾗｲﾂ' });
    expect(results[0]).toMatchObject({ contactId: 'c-taro', accountId: 'a-triz' });
    expect(results[0]?.reasons).toEqual(expect.arrayContaining(['name', 'company_reading']));
  });

  it('does not propose a person on a common name alone', () => {
    expect(matcher().match({ ...blank, familyName: '山田', givenName: '太郎' })).toEqual([]);
  });

  it('matches western names given first or family first, and a new contact at a known company by domain', () => {
    expect(
      matcher().match({ ...blank, familyName: 'Müller', givenName: 'Anna', company: 'ACME GMBH' })[0],
    ).toMatchObject({
      contactId: 'c-anna',
    });
    expect(matcher().match({ ...blank, emails: ['new.person@acme.de'] })[0]).toMatchObject({
      accountId: 'a-acme',
      contactId: null,
      reasons: ['email_domain'],
    });
  });

  it('suggests companies while the name is still being typed', () => {
    const results = matcher().match({ ...blank, company: 'トラ' });
    expect(results).toEqual([expect.objectContaining({ accountId: 'a-triz', reasons: ['company_partial'] })]);
  });

  it('forgets old e-mails when a contact is updated', () => {
    const m = matcher();
    m.upsertContact({
      id: 'c-anna',
      accountId: 'a-acme',
      name: 'Anna Müller',
      nameKana: null,
      emails: ['anna.mueller@acme.de'],
      phones: [],
    });
    expect(m.match({ ...blank, emails: ['anna@acme.de'] }).some((c) => c.contactId === 'c-anna')).toBe(false);
    expect(m.match({ ...blank, emails: ['anna.mueller@acme.de'] })[0]?.contactId).toBe('c-anna');
  });

  it("forgets a company's old domain when the account or its last contact there changes", () => {
    const m = matcher();
    const domainAccounts = (email: string) =>
      m
        .match({ ...blank, emails: [email] })
        .filter((c) => c.reasons.includes('email_domain'))
        .map((c) => c.accountId);
    m.upsertAccount({ id: 'a-triz', name: '株式会社トライツ', nameKana: 'トライツ', domains: ['triz.jp'] });
    // triz.co.jp is still known from Taro's address.
    expect(domainAccounts('new@triz.co.jp')).toEqual(['a-triz']);
    expect(domainAccounts('new@triz.jp')).toEqual(['a-triz']);
    // Anna moves to the Triz account: acme.de now points there, not to Acme, whose own domain list has it too.
    m.upsertContact({
      id: 'c-anna',
      accountId: 'a-triz',
      name: 'Anna Müller',
      nameKana: null,
      emails: ['anna@acme.de'],
      phones: [],
    });
    expect(domainAccounts('new@acme.de').sort()).toEqual(['a-acme', 'a-triz']);
    m.upsertAccount({ id: 'a-acme', name: 'Acme GmbH', nameKana: null, domains: [] });
    expect(domainAccounts('new@acme.de')).toEqual(['a-triz']);
    // Taro changes address: the domain only he gave is forgotten.
    m.upsertContact({
      id: 'c-taro',
      accountId: 'a-triz',
      name: '山田 太郎',
      nameKana: 'ヤマダ タロウ',
      emails: ['taro@triz.jp'],
      phones: [],
    });
    expect(domainAccounts('new@triz.co.jp')).toEqual([]);
  });
});
