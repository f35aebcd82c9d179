import { Init1795478849074 } from './1795478849074-Init';

/** Migrations in order; add each new one at the end (never edit one that has landed). */
export const MIGRATIONS: (new () => object)[] = [Init1795478849074];
