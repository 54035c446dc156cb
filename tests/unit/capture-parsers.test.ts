import { describe, expect, it } from 'vitest';
import { parseScan } from '../../electron/core/capture/parse-scan';

const crlf = (lines: string[]) => lines.join('\r\n');

describe('parseScan: vCard', () => {
  it('reads a Japanese vCard 3.0 with X-PHONETIC readings, ORG with department, and a local phone', () => {
    const result = parseScan(
      crlf([
        'BEGIN:VCARD',
        'VERSION:3.0',
        'N;CHARSET=UTF-8:山田;太郎;;;',
        'FN;CHARSET=UTF-8:山田 太郎',
        'X-PHONETIC-LAST-NAME:ヤマダ',
        'X-PHONETIC-FIRST-NAME:タロウ',
        'ORG:株式会社トライツ;営業部',
        'TITLE:部長',
        'EMAIL;TYPE=INTERNET,WORK:taro@triz.co.jp',
        'TEL;TYPE=WORK:03-1234-5678',
        'ADR;TYPE=WORK:;;丸の内1-1-1;千代田区;東京都;100-0005;日本',
        'END:VCARD',
      ]),
      'JP',
    );
    expect(result.format).toBe('vcard');
    expect(result.fields).toMatchObject({
      familyName: '山田',
      givenName: '太郎',
      familyKana: 'ヤマダ',
      givenKana: 'タロウ',
      company: '株式会社トライツ',
      department: '営業部',
      title: '部長',
      emails: ['taro@triz.co.jp'],
      phones: ['+81312345678'],
      addressLines: ['丸の内1-1-1 千代田区 東京都 100-0005 日本'],
    });
    expect(result.issues).toEqual([]);
  });

  it('decodes vCard 2.1 quoted-printable (UTF-8 and Shift_JIS), soft line breaks and SOUND;X-IRMC-N readings', () => {
    const result = parseScan(
      crlf([
        'BEGIN:VCARD',
        'VERSION:2.1',
        'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=B1=B1=E7=94=B0;=E5=A4=AA=E9=83=8E',
        // ﾔﾏﾀﾞ;ﾀﾛｳ in Shift_JIS half-width katakana, as feature phones send it
        'SOUND;X-IRMC-N;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=D4=CF=C0=DE;=C0=DB=B3',
        'ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=A0=AA=E5=BC=8F=E4=BC=9A=E7=A4=BE=',
        '=E3=83=88=E3=83=A9=E3=82=A4=E3=83=84',
        'TEL;WORK;VOICE:+81312345678',
        'END:VCARD',
      ]),
      'JP',
    );
    expect(result.fields).toMatchObject({
      familyName: '山田',
      givenName: '太郎',
      familyKana: 'ヤマダ',
      givenKana: 'タロウ',
      company: '株式会社トライツ',
      phones: ['+81312345678'],
    });
  });

  it('reads an English vCard 4.0 with LF line endings and a tel: URI', () => {
    const result = parseScan(
      [
        'BEGIN:VCARD',
        'VERSION:4.0',
        'FN:Anna Müller',
        'N:Müller;Anna;;;',
        'ORG:Acme GmbH',
        'EMAIL:anna@acme.de',
        'TEL;VALUE=uri:tel:+49-30-1234567',
        'END:VCARD',
      ].join('\n'),
      'JP',
    );
    expect(result.fields).toMatchObject({
      familyName: 'Müller',
      givenName: 'Anna',
      company: 'Acme GmbH',
      emails: ['anna@acme.de'],
      phones: ['+49301234567'],
    });
  });

  it('splits FN when N is missing, family name first for Japanese', () => {
    const result = parseScan(crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:鈴木 一郎', 'END:VCARD']), 'JP');
    expect(result.fields).toMatchObject({ familyName: '鈴木', givenName: '一郎' });
  });

  it('reports broken encoding and unknown properties instead of failing, keeping what it could read', () => {
    const result = parseScan(
      crlf([
        'BEGIN:VCARD',
        'VERSION:2.1',
        'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=B1=ZZ',
        'EMAIL:ok@example.com',
        'X-BADGE-ID:48151623',
        'END:VCARD',
      ]),
      'JP',
    );
    expect(result.fields.emails).toEqual(['ok@example.com']);
    expect(result.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'n', code: 'ENCODING' }),
        expect.objectContaining({ code: 'UNPARSED_LINE', value: '48151623' }),
      ]),
    );
  });

  it('reports invalid UTF-8 bytes as broken encoding', () => {
    const result = parseScan(
      crlf(['BEGIN:VCARD', 'VERSION:2.1', 'N;ENCODING=QUOTED-PRINTABLE:=FF=FE;x', 'END:VCARD']),
      'JP',
    );
    expect(result.issues).toEqual([expect.objectContaining({ field: 'n', code: 'ENCODING' })]);
  });

  it('unescapes commas and backslashes in every component, and only \\n is a line break', () => {
    const result = parseScan(
      crlf([
        'BEGIN:VCARD',
        'VERSION:3.0',
        'N:Smith\\, Jr.;John;;;',
        'FN:John Smith Jr.',
        'ADR;TYPE=WORK:;;1-2-3 Marunouchi\\, Chiyoda-ku;Tokyo;;100-0005;Japan',
        'NOTE:share \\\\\\\\server\\\\new\\nsecond line',
        'END:VCARD',
      ]),
      'JP',
    );
    expect(result.fields.familyName).toBe('Smith, Jr.');
    expect(result.fields.addressLines).toEqual(['1-2-3 Marunouchi, Chiyoda-ku Tokyo 100-0005 Japan']);
    expect(result.fields.notes).toBe('share \\\\server\\new\nsecond line');
  });

  it('survives a truncated vCard', () => {
    const result = parseScan('BEGIN:VCARD\r\nVERSION:3.0\r\nN:山', 'JP');
    expect(result.format).toBe('vcard');
    expect(result.issues.length + Object.keys(result.fields).length).toBeGreaterThan(0);
  });
});

describe('parseScan: MECARD', () => {
  it('reads a Japanese MECARD with readings and escaped separators', () => {
    const result = parseScan(
      'MECARD:N:山田,太郎;SOUND:やまだ,たろう;TEL:03-1234-5678;EMAIL:taro@triz.co.jp;ORG:トライツ(株);NOTE:展示会\\; 要フォロー;;',
      'JP',
    );
    expect(result.format).toBe('mecard');
    expect(result.fields).toMatchObject({
      familyName: '山田',
      givenName: '太郎',
      familyKana: 'やまだ',
      givenKana: 'たろう',
      company: 'トライツ(株)',
      notes: '展示会; 要フォロー',
      emails: ['taro@triz.co.jp'],
      phones: ['+81312345678'],
    });
  });

  it('ends a value at a separator after an escaped backslash', () => {
    const result = parseScan('MECARD:N:山田,太郎;NOTE:C:\\\\;EMAIL:taro@example.co.jp;;', 'JP');
    expect(result.fields.notes).toBe('C:\\');
    expect(result.fields.emails).toEqual(['taro@example.co.jp']);
  });

  it('keeps an unparseable phone for the rep and flags it', () => {
    const result = parseScan('MECARD:N:Smith,John;TEL:12;;', 'JP');
    expect(result.fields.phones).toEqual(['12']);
    expect(result.issues).toEqual([{ field: 'phones', code: 'PHONE_INVALID', value: '12' }]);
  });
});

describe('parseScan: badge text', () => {
  it('reads "Name / Company / e-mail" on one line', () => {
    const result = parseScan('Taro Yamada / Acme Inc. / taro@acme.com', 'JP');
    expect(result).toMatchObject({
      format: 'text',
      fields: { givenName: 'Taro', familyName: 'Yamada', company: 'Acme Inc.', emails: ['taro@acme.com'] },
      issues: [],
    });
  });

  it('reads labelled lines in Japanese and reports what it could not place', () => {
    const result = parseScan(
      '氏名：佐藤 花子\n会社：東洋精工株式会社\nメール：hanako@toyo.example.jp\n電話：090-1234-5678\nブース番号 A-12',
      'JP',
    );
    expect(result.fields).toMatchObject({
      familyName: '佐藤',
      givenName: '花子',
      company: '東洋精工株式会社',
      emails: ['hanako@toyo.example.jp'],
      phones: ['+819012345678'],
    });
    expect(result.issues).toEqual([{ field: 'text', code: 'UNPARSED_LINE', value: 'ブース番号 A-12' }]);
  });

  it('reads a phone and an e-mail written in full-width characters', () => {
    const result = parseScan(
      '山田 太郎\n株式会社トライツ\nｔａｒｏ＠ｔｒｙｅｔｓ.example.jp\n０３－１２３４－５６７８',
      'JP',
    );
    expect(result.fields).toMatchObject({ emails: ['taro@tryets.example.jp'], phones: ['+81312345678'] });
    expect(result.issues).toEqual([]);
  });

  it('flags an e-mail without a domain', () => {
    const result = parseScan('Taro Yamada / taro@', 'JP');
    expect(result.issues).toEqual([{ field: 'emails', code: 'EMAIL_INVALID', value: 'taro@' }]);
  });

  it('answers garbage with UNKNOWN_FORMAT and no fields', () => {
    expect(parseScan('   ', 'JP')).toMatchObject({ fields: {}, issues: [{ code: 'UNKNOWN_FORMAT' }] });
    expect(parseScan('\u0000\u0001 ### ---', 'JP')).toMatchObject({ fields: {}, issues: [{ code: 'UNKNOWN_FORMAT' }] });
  });
});
