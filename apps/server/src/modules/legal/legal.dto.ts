// The legal requests are zod schemas in @union/shared (legal/schemas.ts). This alias stays only
// for the demo seed (src/seed/demo-legal.ts), until it imports the shared type itself.
export type { CreateLegalAidApplicationRequest as CreateLegalAidBody } from '@union/shared';
