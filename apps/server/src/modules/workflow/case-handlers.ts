import { Injectable } from '@nestjs/common';
import type { ActionView, CaseType } from '@union/shared';
import type { Actor } from '../../common/actor';

/**
 * A case type's view for the case API: the actions the actor may take now, with the reasons the
 * domain's checks would refuse them at this moment (as the domain page shows them). Its steps are
 * its registered {@link CaseProcess} (see the transition service).
 */
export interface CaseHandler {
  readonly caseType: CaseType;
  /** The actions the actor may take now on the subject, with blocked reasons (as the domain page shows them). */
  actions(actor: Actor, subjectId: number): Promise<ActionView[]>;
}

/** What most domain services are: a view of the record that carries its actions. */
interface CaseService {
  get(actor: Actor, id: number): Promise<{ actions: ActionView[] }>;
}

/** The registered case handlers, one per case type. Domain services register in `onModuleInit`. */
@Injectable()
export class CaseHandlers {
  private readonly handlers = new Map<string, CaseHandler>();

  register(handler: CaseHandler): void {
    if (this.handlers.has(handler.caseType)) throw new Error(`two handlers for case type ${handler.caseType}`);
    this.handlers.set(handler.caseType, handler);
  }

  /** The usual handler: the actions of the record's view. */
  registerService(caseType: CaseType, service: CaseService): void {
    this.register({
      caseType,
      actions: async (actor, id) => (await service.get(actor, id)).actions,
    });
  }

  of(caseType: string): CaseHandler | null {
    return this.handlers.get(caseType) ?? null;
  }

  /** Case types without a handler (checked once every module has started). */
  missing(caseTypes: readonly string[]): string[] {
    return caseTypes.filter((t) => !this.handlers.has(t));
  }
}
