import { Consent } from '../modules/identity/entities/consent.entity';
import { Invitation } from '../modules/identity/entities/invitation.entity';
import { RefreshToken } from '../modules/identity/entities/refresh-token.entity';
import { User } from '../modules/identity/entities/user.entity';
import { Member } from '../modules/membership/entities/member.entity';
import { MembershipApplication } from '../modules/membership/entities/membership-application.entity';
import { MembershipTransfer } from '../modules/membership/entities/membership-transfer.entity';
import { Message } from '../modules/notifications/message.entity';
import { Organization } from '../modules/organizations/organization.entity';
import { AuditLog } from '../modules/pii/audit-log.entity';
import { CaseHistory } from '../modules/workflow/entities/case-history.entity';
import { OutboxEntry } from '../modules/workflow/entities/outbox.entity';
import { WorkflowCase } from '../modules/workflow/entities/workflow-case.entity';

/** Every entity of the schema. */
export const ENTITIES = [
  Organization,
  User,
  RefreshToken,
  Consent,
  Invitation,
  WorkflowCase,
  CaseHistory,
  OutboxEntry,
  Message,
  AuditLog,
  MembershipApplication,
  Member,
  MembershipTransfer,
];
