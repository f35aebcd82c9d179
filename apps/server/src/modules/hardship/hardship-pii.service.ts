import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { Db } from '../../database/db.service';
import { PiiAuditService } from '../pii/pii-audit.service';
import { PiiCipher, piiAad } from '../pii/pii-cipher';
import { HouseholdMember } from './entities/household-member.entity';
import type { HardshipRevealRequest, RevealResponse } from '@union/shared';
import { HardshipApplicationsService } from './hardship-applications.service';
import { APPLICATIONS_TABLE, MEMBERS_TABLE } from './hardship-views.service';

const MEMBER_FIELDS = { name: 'name', idNumber: 'id_number', healthNote: 'health_note' } as const;
const APPLICATION_FIELDS = { phone: 'phone', bankAccount: 'bank_account', situation: 'situation' } as const;

/** The audited reveal of a household's personal data to a permitted cadre in scope. */
@Injectable()
export class HardshipPiiService {
  constructor(
    private readonly db: Db,
    private readonly cipher: PiiCipher,
    private readonly audit: PiiAuditService,
    private readonly applications: HardshipApplicationsService,
  ) {}

  reveal(actor: Actor, body: HardshipRevealRequest): Promise<RevealResponse> {
    return this.db.transaction(async (manager) => {
      let value: string | null = null;
      if (body.subject === 'hardship_member') {
        if (!(body.field in MEMBER_FIELDS))
          fail('validation_failed', '这一项不能查看', [{ field: 'field', message: '家庭成员只有姓名、身份证号、病情说明' }]);
        const member = await manager.getRepository(HouseholdMember).findOneBy({ id: body.id });
        if (!member) fail('not_found');
        const { ctx } = await this.applications.loadVisible(manager, actor, member.applicationId);
        if (!ctx.staffLevel) fail('not_found');
        const column = MEMBER_FIELDS[body.field as keyof typeof MEMBER_FIELDS];
        const enc = column === 'name' ? member.nameEnc : column === 'id_number' ? member.idNumberEnc : member.healthNoteEnc;
        value = enc ? this.cipher.decrypt(enc, piiAad(MEMBERS_TABLE, member.uid, column)) : '';
      } else {
        if (!(body.field in APPLICATION_FIELDS))
          fail('validation_failed', '这一项不能查看', [{ field: 'field', message: '申请只有电话、银行账户、困难情况' }]);
        const { app, ctx } = await this.applications.loadVisible(manager, actor, body.id);
        if (!ctx.staffLevel) fail('not_found');
        const column = APPLICATION_FIELDS[body.field as keyof typeof APPLICATION_FIELDS];
        const enc = column === 'phone' ? app.phoneEnc : column === 'bank_account' ? app.bankAccountEnc : app.situationEnc;
        value = this.cipher.decrypt(enc, piiAad(APPLICATIONS_TABLE, app.uid, column));
        if (column === 'bank_account') {
          const account = JSON.parse(value) as { bankName: string; accountName: string; accountNumber: string };
          value = `${account.bankName} ${account.accountName} ${account.accountNumber}`;
        }
      }
      await this.audit.recordReveal(manager, actor, body.subject, body.id, body.field, body.reason.trim());
      return { value };
    });
  }
}
