import {
  actionView,
  caseSearchItem,
  caseView,
  workbenchItem,
  type ActionView,
  type CaseType,
  type DeadlineView,
  type WorkbenchCaseType,
  z,
} from '../src';

/** True only when A and B are the same type (each assignable to the other). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// Type tests, checked by the compiler (npm run typecheck): a line fails to build when a schema and
// the type the code uses drift apart.
const actionViewIsTheInterface: Same<z.output<typeof actionView>, ActionView> = true;
const caseTypesAgree: Same<z.output<typeof caseView>['caseType'], CaseType> = true;
const workbenchTypesAgree: Same<z.output<typeof workbenchItem>['caseType'], WorkbenchCaseType> = true;
const deadlinesAgree: Same<z.output<typeof caseSearchItem>['deadline'], DeadlineView | null> = true;

describe('the answer schemas of the case API', () => {
  it('agree with the types the code uses (compile-time checks above)', () => {
    expect([actionViewIsTheInterface, caseTypesAgree, workbenchTypesAgree, deadlinesAgree]).toEqual([true, true, true, true]);
  });

  it('refuse an answer that leaves the shape: an unknown tone, a missing history', () => {
    const good = {
      id: 1,
      caseType: 'membership_application',
      caseTypeLabel: '入会申请',
      subjectId: 2,
      title: '张*',
      state: 'submitted',
      stateLabel: '待审核',
      stateTone: 'primary',
      terminal: false,
      holder: 'staff',
      version: 1,
      submittedAt: '2026-12-01T02:00:00.000Z',
      closedAt: null,
      deadline: { dueAt: '2026-12-08T02:00:00.000Z', workingDaysLeft: 5, overdue: false },
      route: null,
      staffStep: null,
      actions: [],
      history: [],
    };
    expect(caseView.safeParse(good).success).toBe(true);
    expect(caseView.safeParse({ ...good, stateTone: 'pink' }).success).toBe(false);
    const { history: _history, ...withoutHistory } = good;
    expect(caseView.safeParse(withoutHistory).success).toBe(false);
  });
});
