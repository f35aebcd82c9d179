/** Migrations in order; add each new one at the end (never edit one that has landed). */
export const MIGRATIONS: (new () => object)[] = [];
