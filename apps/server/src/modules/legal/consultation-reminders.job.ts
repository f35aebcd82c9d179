import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CONSULTATION_CHANNEL_LABEL, cstDate } from '@union/shared';
import { And, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import { Clock } from '../../common/clock';
import { Db } from '../../database/db.service';
import { IdentityService } from '../identity/identity.service';
import { JobScheduler } from '../jobs/jobs.service';
import { Notifier } from '../notifications/notifier.service';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { Consultation } from './entities/consultation.entity';
import { consultationLink, HOUR_MS, whenText } from './consultation.helpers';

/**
 * A scheduled job: the worker is reminded of a booked consultation the day before and an hour
 * before, each reminder once (compare-and-set on its column), swept every five minutes through the
 * job scheduler (one process runs each sweep).
 */
@Injectable()
export class ConsultationReminders implements OnModuleInit {
  constructor(
    private readonly cases: WorkflowCases,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly notifier: Notifier,
    private readonly identity: IdentityService,
    private readonly jobs: JobScheduler,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'consultation_reminders', everyMs: 5 * 60_000, run: (now) => this.sendReminders(now) });
  }

  /** Reminders the day before and an hour before; returns how many were sent. */
  async sendReminders(now = this.clock.now()): Promise<number> {
    let sent = 0;
    for (const [column, windowMs, label] of [
      ['remindedDayBeforeAt', 24 * HOUR_MS, '明天'],
      ['remindedHourBeforeAt', HOUR_MS, '一小时后'],
    ] as const) {
      const due = await this.db.manager.getRepository(Consultation).find({
        where: { slotHeld: 1, startsAt: And(MoreThan(now), LessThanOrEqual(new Date(now.getTime() + windowMs))), [column]: IsNull() },
        take: 500,
      });
      if (due.length === 0) continue;
      const lawyers = new Map(
        (await this.identity.usersByIds([...new Set(due.map((r) => r.lawyerUserId))], this.db.manager)).map((u) => [u.id, u]),
      );
      for (const row of due) {
        const done = await this.db.transaction(async (manager) => {
          const kase = await this.cases.find(row.caseId, manager, { state: 'booked' });
          if (!kase) return false;
          const result = await manager.getRepository(Consultation).update({ id: row.id, [column]: IsNull() }, { [column]: now });
          if (result.affected !== 1) return false;
          const lawyer = lawyers.get(row.lawyerUserId);
          const sameDay = cstDate(row.startsAt) === cstDate(now);
          await this.notifier.notify(manager, {
            userId: row.applicantUserId,
            title: `法律咨询提醒：${column === 'remindedDayBeforeAt' && sameDay ? '今天' : label}`,
            body: `${whenText(row.startsAt)}，${lawyer?.displayName ?? ''}，${CONSULTATION_CHANNEL_LABEL[row.channel]}${row.channel === 'in_person' ? `，地点：${row.place}` : ''}。`,
            link: consultationLink(row.id),
            status: '已预约',
          });
          return true;
        });
        if (done) sent += 1;
      }
    }
    return sent;
  }
}
