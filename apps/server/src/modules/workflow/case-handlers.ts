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
   * A plain step (no form) on the subject; null when every step of the type goes through its own
   * endpoint (a step with a form names it).
   */
  transition: ((actor: Actor, subjectId: number, input: TransitionInput) => Promise<unknown>) | null;
}

/** The registered case handlers, one per case type. Domain services register in `onModuleInit`. */
@Injectable()
export class CaseHandlers {
  private readonly handlers = new Map<string, CaseHandler>();

  register(handler: CaseHandler): void {
    if (this.handlers.has(handler.caseType)) throw new Error(`two handlers for case type ${handler.caseType}`);
    this.handlers.set(handler.caseType, handler);
  }

  of(caseType: string): CaseHandler | null {
    return this.handlers.get(caseType) ?? null;
  }

  /** Case types without a handler (checked once every module has started). */
  missing(caseTypes: readonly string[]): string[] {
    return caseTypes.filter((t) => !this.handlers.has(t));
  }
}
