/**
 * The hardship requests are schemas in `@union/shared` (hardship/schemas.ts) now. This name is
 * kept only for the demo seed (`src/seed/demo-hardship.ts`); delete the file once the seed
 * imports `CreateHardshipApplicationRequest` from `@union/shared`.
 */
export type { CreateHardshipApplicationRequest as CreateHardshipApplicationBody } from '@union/shared';
