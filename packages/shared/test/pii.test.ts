import { idCheckDigit, isValidIdNumber, isValidPhone, maskIdNumber, maskName, maskPhone } from '../src';

describe('ID number checksum', () => {
  it('accepts valid numbers including an X check digit', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber('440524188001010014')).toBe(false); // born before 1900
    const first17 = '51012219900307123';
    expect(isValidIdNumber(first17 + idCheckDigit(first17))).toBe(true);
  });

  it('refuses a wrong check digit, a bad date and a bad shape', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('110105194902300028')).toBe(false); // 30 February
    expect(isValidIdNumber('11010519491231002')).toBe(false);
    expect(isValidIdNumber("1' OR '1'='1")).toBe(false);
  });
});

describe('masking', () => {
  it('keeps the first 3 and last 4 of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
  });
  it('masks a phone as 3****4', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('keeps only the family name', () => {
    expect(maskName('张三丰')).toBe('张**');
  });
  it('validates phones', () => {
    expect(isValidPhone('13812345678')).toBe(true);
    expect(isValidPhone('12812345678')).toBe(false);
    expect(isValidPhone('1381234567')).toBe(false);
  });
});
