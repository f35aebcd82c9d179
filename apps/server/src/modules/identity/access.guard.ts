import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_KEY, type AccessRule } from '../../common/access';
import type { ActorRequest } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { IdentityService } from './identity.service';
import { TokenService } from './token.service';

/**
 * The one gate of every route: a route without an access declaration is refused (fail closed),
 * a non-public route needs a valid access token, a permission route needs the permission.
 * Row-level scope is checked in the services.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly identity: IdentityService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!rule) fail('forbidden', '此接口未声明访问权限');
    if (rule.kind === 'public') return true;
    const request = context.switchToHttp().getRequest<ActorRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header) : null;
    if (!match) fail('unauthenticated');
    const userId = await this.tokens.verifyAccess(match[1]);
    const actor = await this.identity.actorFor(userId, String(request.id));
    if (!actor) fail('unauthenticated');
    if (rule.kind === 'permission' && !actor.permissions.includes(rule.permission)) fail('forbidden');
    request.actor = actor;
    return true;
  }
}
