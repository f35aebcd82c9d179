import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@union/shared';

/** Metadata key of a route's access declaration. */
export const ACCESS_KEY = 'union:access';

/** How a route is reached: by anyone, by any signed-in user, or with a permission. */
export type AccessRule = { kind: 'public' } | { kind: 'signed_in' } | { kind: 'permission'; permission: Permission };

/** Anyone may call this route without a token. */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);

/** Any signed-in user may call this route; the service checks row-level access. */
export const SignedIn = () => SetMetadata(ACCESS_KEY, { kind: 'signed_in' } satisfies AccessRule);

/** Only users holding `permission` may call this route; the service checks scope. */
export const RequirePermission = (permission: Permission) =>
  SetMetadata(ACCESS_KEY, { kind: 'permission', permission } satisfies AccessRule);
