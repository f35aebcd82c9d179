import { Injectable } from '@nestjs/common';
import { WORKFLOWS, type ActionView, type CaseType, type WorkflowDef } from '@union/shared';
import type { Actor } from '../../common/actor';
import type { WorkflowCase } from './entities/workflow-case.entity';
import { TransitionService } from './transition.service';

/**
 * A case type's view for the case API: the actions the actor may take now, with the reasons the
 * domain's checks would refuse them at this moment (as the domain page shows them). Its steps are
 * its registered {@link CaseProcess} (see the transition service).
 */
export interface CaseHandler {
  readonly caseType: CaseType;
  /** The actions the actor may take now on the subject, with blocked reasons (as the domain page shows them). */
  actions(actor: Actor, subjectId: number, kase: WorkflowCase): Promise<ActionView[]>;
}

/** What most domain services are: a view of the record that carries its actions. */
interface CaseService {
  get(actor: Actor, id: number): Promise<{ actions: ActionView[] }>;
}

/** The registered case handlers, one per case type. Domain services register in `onModuleInit`. */
@Injectable()
export class CaseHandlers {
  private readonly handlers = new Map<string, CaseHandler>();

  constructor(private readonly transitions: TransitionService) {}

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

  /**
   * A handler for a case type whose steps the domain never blocks (no checks of its own to show
   * beforehand): the actions come from the case row and the table alone, without reading the record.
   */
  registerPlain(caseType: CaseType): void {
    const def = WORKFLOWS[caseType] as WorkflowDef<string, string>;
    this.register({ caseType, actions: (actor, _id, kase) => Promise.resolve(this.transitions.actionsOf(actor, def, kase)) });
  }

  of(caseType: string): CaseHandler | null {
    return this.handlers.get(caseType) ?? null;
  }

  /** Case types without a handler (checked once every module has started). */
  missing(caseTypes: readonly string[]): string[] {
    return caseTypes.filter((t) => !this.handlers.has(t));
  }
}
