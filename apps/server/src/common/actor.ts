import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { OrganizationKind, OrganizationLevel, Permission, Role } from '@union/shared';
import type { FastifyRequest } from 'fastify';

/** The signed-in user acting on a request. */
export interface Actor {
  userId: number;
  displayName: string;
  roles: Role[];
  permissions: Permission[];
  /** The staff organisation, when the user is staff. */
  organization: { id: number; path: string; level: OrganizationLevel; kind: OrganizationKind; name: string } | null;
  requestId: string;
}

/** Request with the actor attached by the access guard. */
export type ActorRequest = FastifyRequest & { actor?: Actor };

/** The acting user (routes that are not public only). */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<ActorRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without a signed-in user');
  return actor;
});

/** True when `path` is inside the actor's organisation subtree. */
export function actorCovers(actor: Actor, organizationPath: string): boolean {
  return !!actor.organization && organizationPath.startsWith(actor.organization.path);
}
