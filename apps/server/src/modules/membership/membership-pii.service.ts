import { Injectable } from '@nestjs/common';
import type { RevealResponse } from '@union/shared';
import type { Actor } from '../../common/actor';
import { mayHandle } from '../../common/case-access';
import { fail } from '../../common/app-exception';
import { Db } from '../../database/db.service';
import { PiiAuditService } from '../pii/pii-audit.service';
import { PiiCipher, piiAad } from '../pii/pii-cipher';
import { Member } from './entities/member.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import type { RevealRequest } from '@union/shared';
import { MembershipApplicationsService } from './membership-applications.service';

const COLUMN = { idNumber: 'id_number', phone: 'phone' } as const;

/** The audited reveal of a full ID number or phone to a permitted cadre in scope. */
@Injectable()
export class MembershipPiiService {
  constructor(
    private readonly db: Db,
    private readonly cipher: PiiCipher,
    private readonly audit: PiiAuditService,
    private readonly applications: MembershipApplicationsService,
    private readonly organizations: OrganizationsService,
  ) {}

  reveal(actor: Actor, body: RevealRequest): Promise<RevealResponse> {
    return this.db.transaction(async (manager) => {
      let value: string;
      if (body.subject === 'membership_application') {
        const { app, ctx } = await this.applications.loadVisible(manager, actor, body.id);
        // Only staff in scope: the applicant already knows their own number.
        if (!ctx.staffLevel) fail('not_found');
        const enc = body.field === 'idNumber' ? app.idNumberEnc : app.phoneEnc;
        value = this.cipher.decrypt(enc, piiAad('membership_applications', app.uid, COLUMN[body.field]));
      } else {
        const member = await manager.getRepository(Member).findOneBy({ id: body.id });
        const org = member ? await this.organizations.get(member.organizationId, manager) : null;
        if (!member || !org || !mayHandle(actor, 'membership.review', org.path)) fail('not_found');
        const enc = body.field === 'idNumber' ? member.idNumberEnc : member.phoneEnc;
        value = this.cipher.decrypt(enc, piiAad('members', member.uid, COLUMN[body.field]));
      }
      await this.audit.recordReveal(manager, actor, body.subject, body.id, body.field, body.reason.trim());
      return { value };
    });
  }
}
