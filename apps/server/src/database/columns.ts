import { Column, type ColumnOptions } from 'typeorm';

/** A UTC instant with millisecond precision, portable between MySQL and the embedded database. */
export const InstantColumn = (options: Omit<ColumnOptions, 'type' | 'precision'> = {}) =>
  Column({ type: 'datetime', precision: 3, ...options });

/** An encrypted value (see PiiCipher): `v1.<keyId>.<nonce>.<ciphertext>`. */
export const EncryptedColumn = (options: Omit<ColumnOptions, 'type' | 'length'> = {}) =>
  Column({ type: 'varchar', length: 255, ...options });

/** An HMAC blind index (hex of SHA-256). */
export const BlindIndexColumn = (options: Omit<ColumnOptions, 'type' | 'length'> = {}) =>
  Column({ type: 'varchar', length: 64, ...options });

/** An amount of money in fen (分); bigint in the database, a safe integer in code. */
export const MoneyColumn = (options: Omit<ColumnOptions, 'type' | 'transformer'> = {}) =>
  Column({
    type: 'bigint',
    transformer: { to: (v: number | null) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) },
    ...options,
  });
