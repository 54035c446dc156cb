// vcf ships no types; this is the part of its API the scan parser uses.
declare module 'vcf' {
  type JCardProperty = [
    name: string,
    params: Record<string, string | string[]>,
    type: string,
    value: string | string[],
  ];
  class VCard {
    static parse(text: string): VCard[];
    toJSON(): ['vcard', JCardProperty[]];
  }
  export default VCard;
}
