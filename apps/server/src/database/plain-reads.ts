import { In, type EntityManager, type EntityMetadata, type EntityTarget, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';

/** A value a plain read compares a column with: equal to it, NULL, or one of a list. */
export type PlainValue = string | number | boolean | null | readonly (string | number)[];

/** The SELECT list and the table of an entity, quoted for the database: built once per entity. */
const selects = new WeakMap<EntityMetadata, { head: string; columns: Map<string, string> }>();

function selectOf(manager: EntityManager, meta: EntityMetadata): { head: string; columns: Map<string, string> } {
  const known = selects.get(meta);
  if (known) return known;
  const q = (name: string) => manager.connection.driver.escape(name);
  const columns = new Map(meta.columns.map((c) => [c.propertyName, q(c.databaseName)]));
  const head = `SELECT ${meta.columns.map((c) => q(c.databaseName)).join(', ')} FROM ${q(meta.tableName)}`;
  const built = { head, columns };
  selects.set(meta, built);
  return built;
}

/**
 * Rows of an entity where each named column equals its value (NULL: IS NULL; a list: IN), in the
 * order asked, hydrated as TypeORM hydrates them (its driver's conversions and the columns'
 * transformers): the same entities `repository.find` gives, without building the query through
 * the query builder on every call. The hot reads of every request use it (a case, its history, a
 * domain row by id): the query builder's aliasing and escaping cost more CPU than the database
 * round trip. Inside a transaction pass its manager.
 */
export async function findRows<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: Partial<Record<keyof T & string, PlainValue>>,
  options: { orderBy?: keyof T & string; direction?: 'ASC' | 'DESC'; limit?: number } = {},
): Promise<T[]> {
  // A stand-in manager without a data source (the unit tests' collaborators) answers through its repository.
  if (!manager.connection) return throughRepository(manager, entity, where, options);
  const meta = manager.connection.getMetadata(entity);
  const { head, columns } = selectOf(manager, meta);
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  for (const [property, value] of Object.entries(where) as [string, PlainValue | undefined][]) {
    if (value === undefined) continue;
    const column = columns.get(property);
    if (!column) throw new Error(`findRows: ${meta.name} has no column ${property}`);
    if (value === null) conditions.push(`${column} IS NULL`);
    else if (Array.isArray(value)) {
      if (value.length === 0) return [];
      conditions.push(`${column} IN (${value.map(() => '?').join(', ')})`);
      parameters.push(...value);
    } else {
      conditions.push(`${column} = ?`);
      parameters.push(value);
    }
  }
  let sql = head;
  if (conditions.length) sql += ` WHERE ${conditions.join(' AND ')}`;
  if (options.orderBy) sql += ` ORDER BY ${columns.get(options.orderBy)} ${options.direction ?? 'ASC'}`;
  if (options.limit !== undefined) sql += ` LIMIT ${Math.floor(options.limit)}`;
  const rows = (await manager.query(sql, parameters)) as Record<string, unknown>[];
  const driver = manager.connection.driver;
  return rows.map((row) => {
    const entityRow = meta.create() as T;
    for (const c of meta.columns) c.setEntityValue(entityRow, driver.prepareHydratedValue(row[c.databaseName], c));
    return entityRow;
  });
}

function throughRepository<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: Partial<Record<string, PlainValue>>,
  options: { orderBy?: string; direction?: 'ASC' | 'DESC'; limit?: number },
): Promise<T[]> {
  const conditions = Object.fromEntries(
    Object.entries(where)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, Array.isArray(v) ? In(v) : v]),
  ) as FindOptionsWhere<T>;
  const repo = manager.getRepository(entity);
  if (options.limit === 1) return repo.findOneBy(conditions).then((row) => (row ? [row] : []));
  return repo.find({
    where: conditions,
    ...(options.orderBy ? { order: { [options.orderBy]: options.direction ?? 'ASC' } as never } : {}),
  });
}

/** The one row of an entity where each named column equals its value, or null. */
export async function findRow<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: Partial<Record<keyof T & string, PlainValue>>,
): Promise<T | null> {
  return (await findRows(manager, entity, where, { limit: 1 }))[0] ?? null;
}
