import {
  COMPETITION_OBJECTION_WORKFLOW,
  HARDSHIP_OBJECTION_WORKFLOW,
  NOMINATION_OBJECTION_WORKFLOW,
  ASSISTANCE_RECORD_WORKFLOW,
  availableActions,
  COMPETITION_WORKFLOW,
  COMPETITION_ENTRY_WORKFLOW,
  NOMINATION_WORKFLOW,
  PROPOSAL_WORKFLOW,
  CONSULTATION_WORKFLOW,
  LEGAL_AID_WORKFLOW,
  LEGAL_THREAD_WORKFLOW,
  PETITION_WORKFLOW,
  GRANT_APPLICATION_WORKFLOW,
  HARDSHIP_APPLICATION_WORKFLOW,
  HARDSHIP_FILE_WORKFLOW,
  MEMBERSHIP_APPLICATION_WORKFLOW,
  MEMBERSHIP_TRANSFER_WORKFLOW,
  MEMBERSHIP_WORKFLOW,
  nextState,
  caseRoute,
  CASE_TYPES,
  stateAllows,
  statesAllowing,
  isTerminalState,
  validateAllWorkflows,
  validateWorkflow,
  WORKFLOWS,
  type WorkflowDef,
} from '../src';
import { ROLE_PERMISSIONS } from '../src/permissions';

const ALL_WORKFLOWS = [
  MEMBERSHIP_APPLICATION_WORKFLOW,
  MEMBERSHIP_TRANSFER_WORKFLOW,
  MEMBERSHIP_WORKFLOW,
  HARDSHIP_APPLICATION_WORKFLOW,
  HARDSHIP_FILE_WORKFLOW,
  ASSISTANCE_RECORD_WORKFLOW,
  GRANT_APPLICATION_WORKFLOW,
  CONSULTATION_WORKFLOW,
  LEGAL_AID_WORKFLOW,
  LEGAL_THREAD_WORKFLOW,
  PETITION_WORKFLOW,
  COMPETITION_WORKFLOW,
  COMPETITION_ENTRY_WORKFLOW,
  PROPOSAL_WORKFLOW,
  NOMINATION_WORKFLOW,
  HARDSHIP_OBJECTION_WORKFLOW,
  COMPETITION_OBJECTION_WORKFLOW,
  NOMINATION_OBJECTION_WORKFLOW,
] as WorkflowDef<string, string>[];

describe('workflow graphs', () => {
  it.each(ALL_WORKFLOWS.map((w) => [w.caseType, w]))('%s is sound', (_name, def) => {
    expect(validateWorkflow(def)).toEqual([]);
  });

  it('detects an unknown target, an unreachable state and an exit from a terminal state', () => {
    const broken: WorkflowDef<string, string> = {
      caseType: 'broken',
      label: '',
      subjectType: 'Broken Rows',
      routes: { applicant: '/pages/broken/index', staff: null },
      initial: 'a',
      states: {
        a: { label: 'A', tone: 'primary', holder: 'staff', nextStep: '' },
        b: { label: 'B', tone: 'success', holder: 'none', terminal: true, nextStep: '' },
        orphan: { label: 'O', tone: 'default', holder: 'none', terminal: true, nextStep: '' },
      },
      transitions: {
        go: { from: ['a'], to: 'b', label: 'go', actor: 'staff', permission: 'membership.review' },
        nowhere: { from: ['a'], to: 'missing', label: 'x', actor: 'applicant' },
        escape: { from: ['b'], to: 'a', label: 'y', actor: 'applicant' },
      },
    };
    const problems = validateWorkflow(broken);
    expect(problems).toContain('nowhere: target missing is not defined');
    expect(problems).toContain('state orphan is unreachable');
    expect(problems).toContain('escape: leaves terminal state b');
    expect(problems).toContain('broken: has no label');
    expect(problems).toContain('broken: subject type Broken Rows is not a table name');
    expect(problems).toContain('broken: applicant route /pages/broken/index has no {id}');
    expect(problems).toContain('a: staff hold it but it says nothing of what they do (staffStep)');
  });

  it('says what staff do in every state they hold, and what the applicant can expect in every state', () => {
    for (const def of Object.values(WORKFLOWS)) {
      for (const [name, state] of Object.entries(def.states)) {
        expect({ at: `${def.caseType}.${name}`, says: !!state.nextStep.trim() }).toEqual({ at: `${def.caseType}.${name}`, says: true });
        if (state.holder === 'staff')
          expect({ at: `${def.caseType}.${name}`, staff: !!state.staffStep }).toEqual({ at: `${def.caseType}.${name}`, staff: true });
      }
    }
  });

  it('every table is in the registry, and the registry as a whole is sound', () => {
    expect(Object.keys(WORKFLOWS).sort()).toEqual(ALL_WORKFLOWS.map((w) => w.caseType).sort());
    expect(validateAllWorkflows()).toEqual([]);
    expect([...CASE_TYPES].sort()).toEqual(Object.keys(WORKFLOWS).sort());
  });

  it('says what a state allows beside its transitions, from the tables', () => {
    expect(stateAllows('competition', 'running', 'scoring')).toBe(true);
    expect(stateAllows('competition', 'checking', 'scoring')).toBe(false);
    expect(stateAllows('competition', 'open', 'registration')).toBe(true);
    expect(stateAllows('hardship_application', 'public_notice', 'objections')).toBe(true);
    expect(stateAllows('hardship_application', 'town_review', 'objections')).toBe(false);
    expect(stateAllows('no_such_type', 'running', 'scoring')).toBe(false);
    expect(statesAllowing('competition', 'check_in')).toEqual(['open', 'running']);
    expect(statesAllowing('no_such_type', 'scoring')).toEqual([]);
    // Every allowance is granted by some state (a name nobody grants is a typo in a check).
    const granted = new Set(Object.values(WORKFLOWS).flatMap((d) => Object.values(d.states).flatMap((st) => st.allows ?? [])));
    expect([...granted].sort()).toEqual([
      'check_in',
      'edits',
      'judge_changes',
      'objections',
      'opinions',
      'public_results',
      'rating',
      'registration',
      'results',
      'scoring',
    ]);
    expect(statesAllowing('competition', 'results')).toEqual(['checking', 'public_notice', 'published']);
    expect(statesAllowing('competition', 'public_results')).toEqual(['public_notice', 'published']);
  });

  it('answers routes and terminal states from the tables', () => {
    expect(caseRoute('hardship_application', 'staff', 7)).toBe('/staff/pages/hardship/index?id=7');
    expect(caseRoute('petition', 'applicant', 7)).toBeNull();
    expect(caseRoute('no_such_type', 'staff', 7)).toBeNull();
    expect(isTerminalState('hardship_application', 'filed')).toBe(true);
    expect(isTerminalState('hardship_application', 'public_notice')).toBe(false);
    expect(isTerminalState('hardship_application', 'constructor')).toBe(false);
  });

  it('draws refusals, withdrawals and cancellations as danger, and nothing else', () => {
    for (const def of ALL_WORKFLOWS) {
      for (const [action, t] of Object.entries(def.transitions)) {
        const ending = !!def.states[t.to].terminal && ['danger', 'default'].includes(def.states[t.to].tone) && t.to !== 'closed';
        expect([def.caseType, action, t.tone === 'danger']).toEqual([def.caseType, action, ending]);
      }
    }
  });
});

describe('availableActions', () => {
  const wf = MEMBERSHIP_APPLICATION_WORKFLOW;

  it('offers review actions to a cadre in scope, never to the applicant', () => {
    const cadre = { isApplicant: false, permissions: ROLE_PERMISSIONS.grassroots_cadre, staffLevel: 'grassroots' as const };
    expect(availableActions(wf, 'submitted', cadre).sort()).toEqual(['approve', 'reject', 'request_info', 'transfer']);
    expect(availableActions(wf, 'submitted', { isApplicant: true, permissions: ROLE_PERMISSIONS.worker })).toEqual(['withdraw']);
  });

  it('offers nothing to staff outside scope (no staff level) or in a terminal state', () => {
    expect(availableActions(wf, 'submitted', { isApplicant: false, permissions: ROLE_PERMISSIONS.county_admin })).toEqual([]);
    expect(
      availableActions(wf, 'approved', { isApplicant: true, permissions: ROLE_PERMISSIONS.county_admin, staffLevel: 'county' }),
    ).toEqual([]);
  });

  it('offers nothing to staff without the permission', () => {
    expect(availableActions(wf, 'submitted', { isApplicant: false, permissions: [], staffLevel: 'county' })).toEqual([]);
  });
});

describe('nextState', () => {
  it('follows the table and refuses what it does not allow', () => {
    const wf = MEMBERSHIP_APPLICATION_WORKFLOW;
    expect(nextState(wf, 'submitted', 'approve')).toBe('approved');
    expect(nextState(wf, 'needs_info', 'resubmit')).toBe('submitted');
    expect(nextState(wf, 'approved', 'approve')).toBeNull();
    expect(nextState(wf, 'submitted', 'toString')).toBeNull();
    expect(nextState(wf, 'submitted', 'no_such_action')).toBeNull();
  });
});

describe('hardship procedure', () => {
  const staff = (role: 'grassroots_cadre' | 'town_cadre' | 'county_cadre', level: 'grassroots' | 'town' | 'county') => ({
    isApplicant: false,
    permissions: ROLE_PERMISSIONS[role],
    staffLevel: level,
  });
  const WF = HARDSHIP_APPLICATION_WORKFLOW;

  it('lets only the county file a household', () => {
    expect(availableActions(WF, 'county_approval', staff('county_cadre', 'county'))).toEqual(['approve_and_file', 'county_reject']);
    expect(availableActions(WF, 'county_approval', staff('grassroots_cadre', 'grassroots'))).toEqual([]);
    expect(availableActions(WF, 'county_approval', staff('town_cadre', 'town'))).toEqual([]);
  });

  it('keeps the town review at the town level and the first steps below it', () => {
    expect(availableActions(WF, 'town_review', staff('grassroots_cadre', 'grassroots'))).toEqual([]);
    expect(availableActions(WF, 'town_review', staff('town_cadre', 'town'))).toEqual(['pass_town_review', 'town_reject']);
    expect(availableActions(WF, 'submitted', staff('county_cadre', 'county'))).toEqual([]);
    expect(availableActions(WF, 'submitted', staff('grassroots_cadre', 'grassroots'))).toEqual([
      'pass_initial_review',
      'return_for_material',
      'reject',
    ]);
  });

  it('walks the whole procedure in order and cannot skip a step', () => {
    const path = [
      ['submitted', 'pass_initial_review', 'home_visit'],
      ['home_visit', 'record_home_visit', 'democratic_review'],
      ['democratic_review', 'record_democratic_review', 'public_notice'],
      ['public_notice', 'complete_public_notice', 'town_review'],
      ['town_review', 'pass_town_review', 'county_approval'],
      ['county_approval', 'approve_and_file', 'filed'],
    ] as const;
    for (const [from, action, to] of path) expect(nextState(WF, from, action)).toBe(to);
    expect(nextState(WF, 'submitted', 'approve_and_file')).toBeNull();
    expect(nextState(WF, 'home_visit', 'complete_public_notice')).toBeNull();
    expect(nextState(WF, 'filed', 'reject')).toBeNull();
  });

  it('lets the worker sign for aid only after it is paid', () => {
    const worker = { isApplicant: true, permissions: ROLE_PERMISSIONS.worker };
    expect(availableActions(ASSISTANCE_RECORD_WORKFLOW, 'approved', worker)).toEqual([]);
    expect(availableActions(ASSISTANCE_RECORD_WORKFLOW, 'paid', worker)).toEqual(['sign']);
  });
});
