import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  assessHousehold,
  HARDSHIP_APPLICATION_WORKFLOW,
  HARDSHIP_CONSENT_VERSIONS,
  isValidIdNumber,
  isValidPhone,
  maskIdNumber,
  maskName,
  normalizeIdNumber,
  type DuplicateMatchView,
  type HardshipApplicationSummary,
  type HardshipApplicationView,
  type CreateHardshipApplicationRequest,
  type CreateProxyHardshipApplicationRequest,
  type Page,
  type PageQuery,
  FEDERATION_KINDS,
} from '@union/shared';
import { In, type EntityManager } from 'typeorm';
import { actorCovers, type Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { newestFirst } from '../../common/cursor';
import { Db } from '../../database/db.service';
import { isUniqueViolation } from '../../database/errors';
import { IdentityService } from '../identity/identity.service';
import { MembersService } from '../membership/members.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { PiiCipher, piiAad } from '../pii/pii-cipher';
import { UploadsService } from '../uploads/uploads.service';
import { WorkflowCases, type WorkflowCase } from '../workflow/workflow-cases.service';
import { TransitionService, type TransitionInput } from '../workflow/transition.service';
import { HardshipApplication } from './entities/hardship-application.entity';
import { HardshipFile } from './entities/hardship-file.entity';
import { HouseholdMember } from './entities/household-member.entity';
import { HardshipDraftsService } from './hardship-drafts.service';
import { HardshipRulesService } from './hardship-rules.service';
import { HardshipStepsService } from './hardship-steps.service';
import { APPLICATIONS_TABLE, HardshipViews, MEMBERS_TABLE } from './hardship-views.service';
import { Clock } from '../../common/clock';
import { findRow } from '../../database/plain-reads';

const WF = HARDSHIP_APPLICATION_WORKFLOW;

/** Hardship applications: submit (by the worker or a cadre on their behalf), read, plain transitions. */
@Injectable()
export class HardshipApplicationsService {
  constructor(
    private readonly cases: WorkflowCases,
    private readonly members: MembersService,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly cipher: PiiCipher,
    private readonly organizations: OrganizationsService,
    private readonly identity: IdentityService,
    private readonly transitions: TransitionService,
    private readonly rules: HardshipRulesService,
    private readonly views: HardshipViews,
    private readonly uploads: UploadsService,
    private readonly drafts: HardshipDraftsService,
    private readonly steps: HardshipStepsService,
  ) {}

  /** The worker submits their own application. */
  async submit(actor: Actor, body: CreateHardshipApplicationRequest): Promise<HardshipApplicationView> {
    // The privacy notice is the user's; the sensitive-data consent and the finance-check
    // authorisation of this application are recorded on the application itself.
    if (!(await this.identity.hasCurrentConsent(actor.userId, 'privacy_notice'))) {
      fail('consent_required', '请先阅读并同意个人信息保护告知');
    }
    return this.create(actor, body, null);
  }

  /** A cadre files on a worker's behalf (代办), recording how the worker consented. */
  async submitByProxy(actor: Actor, body: CreateProxyHardshipApplicationRequest): Promise<HardshipApplicationView> {
    if (!actor.organization) fail('forbidden');
    if (body.consentMethod === 'signed_form' && !body.consentUploadId) {
      fail('validation_failed', '请上传本人签字的委托书', [{ field: 'consentUploadId', message: '请上传本人签字的委托书' }]);
    }
    return this.create(actor, body, body);
  }

  private checkInput(body: CreateHardshipApplicationRequest) {
    if (
      body.consents.sensitiveData !== HARDSHIP_CONSENT_VERSIONS.sensitiveData ||
      body.consents.financeCheck !== HARDSHIP_CONSENT_VERSIONS.financeCheck
    ) {
      fail('validation_failed', '请阅读并同意最新的两项授权后再提交', [{ field: 'consents', message: '同意的文本版本不是最新' }]);
    }
    const problems: { field: string; message: string }[] = [];
    const ids = new Set<string>();
    body.members.forEach((m, i) => {
      const id = normalizeIdNumber(m.idNumber);
      if (!isValidIdNumber(id)) problems.push({ field: `members.${i}.idNumber`, message: '身份证号码校验不通过' });
      if (ids.has(id)) problems.push({ field: `members.${i}.idNumber`, message: '同一个人填了两次' });
      ids.add(id);
    });
    if (body.members.filter((m) => m.relation === 'self').length !== 1 || body.members[0].relation !== 'self') {
      problems.push({ field: 'members.0.relation', message: '第一位家庭成员应是申请人本人' });
    }
    if (!isValidPhone(body.phone.trim())) problems.push({ field: 'phone', message: '手机号码格式不正确' });
    if (body.secondaryCauses.includes(body.mainCause)) problems.push({ field: 'secondaryCauses', message: '次要原因不要重复主要原因' });
    if (problems.length > 0) fail('validation_failed', problems[0].message, problems);
  }

  /** Who the case is about: the worker, or for a proxy filing the member with the applicant's ID (else the filing cadre follows it). */
  private async applicantUserId(manager: EntityManager, actor: Actor, selfIdIndex: string, proxy: boolean): Promise<number> {
    if (!proxy) return actor.userId;
    const member = await this.members.latestByIdIndex(manager, selfIdIndex);
    return member?.userId ?? actor.userId;
  }

  private async create(
    actor: Actor,
    body: CreateHardshipApplicationRequest,
    proxy: CreateProxyHardshipApplicationRequest | null,
  ): Promise<HardshipApplicationView> {
    this.checkInput(body);
    const members = body.members.map((m) => ({ ...m, idNumber: normalizeIdNumber(m.idNumber), name: m.name.trim() }));
    const indexes = members.map((m) => this.cipher.blindIndex('id_number', m.idNumber));
    const selfIndex = indexes[0];
    const annualIncomeFen = members.reduce((sum, m) => sum + m.annualIncomeFen, 0) + body.otherIncomeFen;
    try {
      return await this.db.transaction(async (manager) => {
        const organization = await this.organizations.get(body.organizationId, manager);
        if (FEDERATION_KINDS.includes(organization.kind))
          fail('invalid_organization', '请选择所在单位工会、乡镇(街道)工会、行业工会或联合工会');
        if (proxy && !actorCovers(actor, organization.path)) fail('invalid_organization', '只能为本工会及下级工会的职工代办');
        const selfInFile = await this.cases
          .joinCase(
            manager.createQueryBuilder(HouseholdMember, 'm').innerJoin(HardshipFile, 'f', 'f.applicationId = m.applicationId'),
            'f',
            'fc',
          )
          .where("m.idNumberIndex = :idx AND m.active = :yes AND fc.state = 'active'", { idx: selfIndex, yes: true })
          .getCount();
        if (selfInFile > 0) fail('household_already_filed');
        if (await manager.getRepository(HardshipApplication).findOneBy({ openSelfIdIndex: selfIndex })) fail('hardship_application_open');

        const now = this.clock.now();
        const { row: ruleSet, rules } = await this.rules.effectiveFor(manager, organization.path, now);
        const assessment = assessHousehold(
          {
            householdSize: members.length,
            annualIncomeFen,
            essentialSpendingFen: body.essentialSpendingFen,
            accidentCostsFen: body.accidentCostsFen,
            employmentType: body.employmentType,
            employmentMonths: body.employmentMonths,
            exclusions: body.exclusions,
          },
          rules,
        );
        const duplicates = await this.findDuplicates(manager, members, indexes);
        const applicantUserId = await this.applicantUserId(manager, actor, selfIndex, !!proxy);
        const kase = await this.transitions.open(manager, WF, {
          actor,
          organization,
          applicantUserId,
          title: `${maskName(members[0].name)}家庭帮扶申请`,
          deadlines: rules.deadlines,
          applicant: { name: members[0].name, idNumberIndex: selfIndex },
        });
        const uid = randomUUID();
        const aad = (field: string) => piiAad(APPLICATIONS_TABLE, uid, field);
        const repo = manager.getRepository(HardshipApplication);
        const app = await repo.save(
          repo.create({
            caseId: kase.id,
            uid,
            applicantUserId,
            filedByUserId: proxy ? actor.userId : null,
            filedByName: proxy ? actor.displayName : null,
            proxyConsentMethod: proxy?.consentMethod ?? null,
            proxyConsentNote: proxy?.consentNote.trim() ?? null,
            organizationId: organization.id,
            applicantNameMasked: maskName(members[0].name),
            openSelfIdIndex: selfIndex,
            phoneEnc: this.cipher.encrypt(body.phone.trim(), aad('phone')),
            employmentType: body.employmentType,
            employmentMonths: body.employmentMonths,
            householdSize: members.length,
            otherIncomeFen: body.otherIncomeFen,
            annualIncomeFen,
            essentialSpendingFen: body.essentialSpendingFen,
            accidentCostsFen: body.accidentCostsFen,
            mainCause: body.mainCause,
            secondaryCauses: body.secondaryCauses,
            situationEnc: this.cipher.encrypt(body.situation.trim(), aad('situation')),
            exclusions: body.exclusions,
            bankAccountEnc: this.cipher.encrypt(JSON.stringify(body.bankAccount), aad('bank_account')),
            bankAccountMasked: `${body.bankAccount.bankName} 尾号${body.bankAccount.accountNumber.slice(-4)}`,
            ruleSetId: ruleSet.id,
            ruleSetVersion: ruleSet.version,
            assessment,
            missingItems: [],
            duplicates,
            sensitiveConsentVersion: body.consents.sensitiveData,
            financeCheckConsentVersion: body.consents.financeCheck,
            consentedAt: now,
            fileId: null,
            createdAt: now,
          }),
        );
        await this.transitions.attachSubject(manager, kase, app.id);
        const memberRepo = manager.getRepository(HouseholdMember);
        await memberRepo.insert(
          members.map((m, i) => {
            const memberUid = randomUUID();
            const maad = (field: string) => piiAad(MEMBERS_TABLE, memberUid, field);
            return {
              applicationId: app.id,
              uid: memberUid,
              relation: m.relation,
              nameEnc: this.cipher.encrypt(m.name, maad('name')),
              nameMasked: maskName(m.name),
              idNumberEnc: this.cipher.encrypt(m.idNumber, maad('id_number')),
              idNumberIndex: indexes[i],
              idNumberMasked: maskIdNumber(m.idNumber),
              annualIncomeFen: m.annualIncomeFen,
              health: m.health,
              healthNoteEnc: m.healthNote?.trim() ? this.cipher.encrypt(m.healthNote.trim(), maad('health_note')) : null,
              workStatus: m.workStatus,
              active: true,
            };
          }),
        );
        const uploadIds = [...body.evidenceUploadIds, ...(proxy?.consentUploadId ? [proxy.consentUploadId] : [])];
        if (uploadIds.length > 0) await this.uploads.attachToCase(manager, actor, uploadIds, kase.id);
        if (!proxy) await this.drafts.discard(manager, actor.userId);
        await this.transitions.notifyApplicant(manager, WF, kase, {
          title: '困难帮扶申请已提交',
          body: `${proxy ? `${actor.displayName}已为您代办困难帮扶申请。` : '您的困难帮扶申请已提交。'}${organization.name}将先做初审，需要补充材料时会告诉您缺什么。`,
          link: `/pages/hardship/application/index?id=${app.id}`,
        });
        return this.views.application(manager, actor, app, kase);
      });
    } catch (err) {
      // Two submissions for the same person at once: the unique open-application index lets one in.
      if (isUniqueViolation(err)) fail('hardship_application_open');
      throw err;
    }
  }

  /** One household, one file: people of this household already in an open application or a filed household, county-wide. */
  private async findDuplicates(
    manager: EntityManager,
    members: { relation: string; idNumber: string }[],
    indexes: string[],
  ): Promise<DuplicateMatchView[]> {
    const found = await manager.getRepository(HouseholdMember).find({ where: { idNumberIndex: In(indexes), active: true } });
    if (found.length === 0) return [];
    const apps = await manager.getRepository(HardshipApplication).findBy({ id: In([...new Set(found.map((f) => f.applicationId))]) });
    const appById = new Map(apps.map((a) => [a.id, a]));
    const files = await this.cases
      .joinCase(manager.getRepository(HardshipFile).createQueryBuilder('f'), 'f', 'fc')
      .where("f.applicationId IN (:...ids) AND fc.state = 'active'", { ids: apps.map((a) => a.id) })
      .getMany();
    const fileByApp = new Map(files.map((f) => [f.applicationId, f]));
    const orgs = await this.organizations.byIds(
      apps.map((a) => a.organizationId),
      manager,
    );
    const orgName = new Map(orgs.map((o) => [o.id, o.name]));
    return found.map((f) => {
      const i = indexes.indexOf(f.idNumberIndex);
      const app = appById.get(f.applicationId) as HardshipApplication;
      const file = fileByApp.get(app.id);
      return {
        relationLabel: members[i]?.relation === 'self' ? '申请人本人' : '家庭成员',
        idNumberMasked: f.idNumberMasked,
        kind: file ? 'file' : 'application',
        applicationId: app.id,
        fileNo: file?.fileNo ?? null,
        organizationName: orgName.get(app.organizationId) ?? '',
      };
    });
  }

  /** The worker's own applications, newest first, a page at a time. */
  async mine(actor: Actor, page: PageQuery): Promise<Page<HardshipApplicationSummary>> {
    const manager = this.db.manager;
    const { rows, nextCursor } = await newestFirst(
      manager.getRepository(HardshipApplication).createQueryBuilder('a').where('a.applicantUserId = :me', { me: actor.userId }),
      'a.id',
      page,
    );
    if (rows.length === 0) return { items: [], nextCursor };
    const cases = await this.cases.byIds(
      rows.map((a) => a.caseId),
      manager,
    );
    const byId = new Map(cases.map((c) => [c.id, c]));
    const holders = await this.views.holderNames(manager, cases);
    return {
      items: rows.map((a) => this.views.summary(a, byId.get(a.caseId) as WorkflowCase, holders.get(a.caseId) ?? '')),
      nextCursor,
    };
  }

  /** The application and its case, if the actor may see it (else 404). */
  async loadVisible(manager: EntityManager, actor: Actor, id: number) {
    const app = await findRow(manager, HardshipApplication, { id });
    if (!app) fail('not_found');
    const { kase, ctx } = await this.transitions.loadVisible(manager, actor, WF.caseType, app.caseId);
    return { app, kase, ctx };
  }

  async get(actor: Actor, id: number): Promise<HardshipApplicationView> {
    const { app, kase } = await this.loadVisible(this.db.manager, actor, id);
    return this.views.application(this.db.manager, actor, app, kase);
  }

  /** Plain transitions (no form): initial review passed, notice completed, town review, rejections, withdrawal. */
  transition(actor: Actor, id: number, input: TransitionInput): Promise<HardshipApplicationView> {
    return this.steps.transition(actor, id, input);
  }
}
