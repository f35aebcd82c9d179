import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  HEALTH_STATUS_LABEL,
  HOUSEHOLD_RELATION_LABEL,
  WORK_STATUS_LABEL,
  type HealthStatus,
  type HouseholdRelation,
  type WorkStatus,
} from '@union/shared';
import { Choice } from '../../../components/Choice';
import { Field } from '../../../components/Field';
import type { MemberDraft } from '../../../services/hardshipDraft';
import { memberProblems, type Problems } from './form';

const RELATIONS = (Object.keys(HOUSEHOLD_RELATION_LABEL) as HouseholdRelation[]).filter((r) => r !== 'self');
const HEALTH = Object.keys(HEALTH_STATUS_LABEL) as HealthStatus[];
const WORK = Object.keys(WORK_STATUS_LABEL) as WorkStatus[];

interface MemberEditorProps {
  index: number;
  members: MemberDraft[];
  onChange: (patch: Partial<MemberDraft>) => void;
  onDone: () => void;
  onRemove: () => void;
}

/** One household member on one screen: who, ID number, income, health, work. */
export function MemberEditor({ index, members, onChange, onDone, onRemove }: MemberEditorProps) {
  const m = members[index];
  const [problems, setProblems] = useState<Problems>({});
  const isSelf = index === 0;

  const save = () => {
    const p = memberProblems(m, index, members);
    setProblems(p);
    if (Object.keys(p).length === 0) onDone();
  };

  return (
    <View data-testid="hs-member-editor">
      <Text className="card__title">{isSelf ? '您本人' : `第 ${index + 1} 位家庭成员`}</Text>
      {!isSelf ? (
        <View className="field">
          <Text className="field__label">和您是什么关系</Text>
          <View className="choice-grid">
            {RELATIONS.map((r) => (
              <Choice
                key={r}
                title={HOUSEHOLD_RELATION_LABEL[r]}
                selected={m.relation === r}
                onSelect={() => onChange({ relation: r })}
                testId={`hs-member-relation-${r}`}
              />
            ))}
          </View>
          {problems.relation ? <Text className="field__error">{problems.relation}</Text> : null}
        </View>
      ) : null}
      <Field
        label="姓名"
        value={m.name}
        onChange={(v) => onChange({ name: v })}
        placeholder="和身份证上一致"
        error={problems.name}
        testId="hs-member-name"
      />
      <Field
        label="身份证号码"
        value={m.idNumber}
        onChange={(v) => onChange({ idNumber: v })}
        type="idcard"
        maxlength={18}
        placeholder="18 位，最后一位可能是 X"
        hint="身份证号码不会保存在手机上，只加密保存在工会的服务器上。"
        error={problems.idNumber}
        testId="hs-member-id"
      />
      <Field
        label="一年的收入（元）"
        value={m.incomeYuan}
        onChange={(v) => onChange({ incomeYuan: v })}
        type="digit"
        placeholder="没有收入填 0"
        hint="工资、养老金、打零工的钱都算上。"
        error={problems.incomeYuan}
        testId="hs-member-income"
      />
      <View className="field">
        <Text className="field__label">身体怎么样</Text>
        <View className="choice-grid">
          {HEALTH.map((h) => (
            <Choice
              key={h}
              title={HEALTH_STATUS_LABEL[h]}
              selected={m.health === h}
              onSelect={() => onChange({ health: h })}
              testId={`hs-member-health-${h}`}
            />
          ))}
        </View>
        {problems.health ? <Text className="field__error">{problems.health}</Text> : null}
      </View>
      {m.health && m.health !== 'healthy' ? (
        <View className="field">
          <Text className="field__label">病情或残疾情况（可以不填）</Text>
          <Textarea
            className="field__textarea"
            value={m.healthNote}
            maxlength={200}
            placeholder="例如：尿毒症，每周透析三次"
            onInput={(e) => onChange({ healthNote: e.detail.value })}
            data-testid="hs-member-note"
          />
          <Text className="field__hint">病情只有经办的工会干部能看到，公示时不会公开。</Text>
          {problems.healthNote ? <Text className="field__error">{problems.healthNote}</Text> : null}
        </View>
      ) : null}
      <View className="field">
        <Text className="field__label">现在的工作情况</Text>
        <View className="choice-grid">
          {WORK.map((w) => (
            <Choice
              key={w}
              title={WORK_STATUS_LABEL[w]}
              selected={m.workStatus === w}
              onSelect={() => onChange({ workStatus: w })}
              testId={`hs-member-work-${w}`}
            />
          ))}
        </View>
        {problems.workStatus ? <Text className="field__error">{problems.workStatus}</Text> : null}
      </View>
      <Button block size="large" type="primary" className="big-button" onClick={save} data-testid="hs-member-save">
        这位填好了
      </Button>
      {!isSelf ? (
        <Button block size="large" type="danger" fill="outline" className="big-button" onClick={onRemove} data-testid="hs-member-remove">
          删掉这位家庭成员
        </Button>
      ) : null}
    </View>
  );
}
