import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { HouseholdMemberView } from '@union/shared';
import { yuan } from '../utils/money';

interface HouseholdProps {
  members: HouseholdMemberView[];
  /** Extra controls under a member (staff: the audited 查看 buttons). */
  renderExtra?: (member: HouseholdMemberView) => ReactNode;
}

/** The household as stored: names and ID numbers masked, health without the note. */
export function Household({ members, renderExtra }: HouseholdProps) {
  return (
    <View data-testid="household">
      {members.map((m) => (
        <View key={m.id} className="member" data-testid={`household-member-${m.id}`}>
          <Text className="member__title">
            {m.relationLabel} · {m.nameMasked}
          </Text>
          <Text className="muted">身份证 {m.idNumberMasked}</Text>
          <Text className="muted">
            {m.healthLabel}
            {m.hasHealthNote ? '（有病情说明）' : ''} · {m.workStatusLabel} · 年收入 {yuan(m.annualIncomeFen)}
          </Text>
          {renderExtra ? renderExtra(m) : null}
        </View>
      ))}
    </View>
  );
}
