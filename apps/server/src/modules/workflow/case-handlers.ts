import { Injectable } from '@nestjs/common';
import type { ActionView, CaseType } from '@union/shared';
import type { Actor } from '../../common/actor';
import type { TransitionInput } from './transition.service';

/**
 * What a case type registers with the workflow engine (Vendure's `OrderProcess` is the model): the
 * domain service that owns the subject row answers for its steps, with its own checks, effects and
 * notices, and for the actions with the reasons its checks would refuse now.
 */
export interface CaseHandler {
  readonly caseType: CaseType;
  /** The actions the actor may take now on the subject, with blocked reasons (as the domain page shows them). */
  actions(actor: Actor, subjectId: number): Promise<ActionView[]>;
  /**
   * A plain step on the subject. Only steps without a form reach it: the case API refuses the
   * others (they go through their own endpoints), so handlers need not check again.
   */
  transition(actor: Actor, subjectId: number, input: TransitionInput): Promise<unknown>;
}

/** What most domain services are: a view of the record that carries its actions, and the plain steps. */
interface CaseService {
  get(actor: Actor, id: number): Promise<{ actions: ActionView[] }>;
  transition(actor: Actor, id: number, input: TransitionInput): Promise<unknown>;
}

/** The registered case handlers, one per case type. Domain services register in `onModuleInit`. */
@Injectable()
export class CaseHandlers {
  private readonly handlers = new Map<string, CaseHandler>();

  register(handler: CaseHandler): void {
    if (this.handlers.has(handler.caseType)) throw new Error(`two handlers for case type ${handler.caseType}`);
    this.handlers.set(handler.caseType, handler);
  }

  /** The usual handler: the actions of the record's view, the plain steps of its service. */
  registerService(caseType: CaseType, service: CaseService): void {
    this.register({
      caseType,
      actions: async (actor, id) => (await service.get(actor, id)).actions,
      transition: (actor, id, input) => service.transition(actor, id, input),
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
