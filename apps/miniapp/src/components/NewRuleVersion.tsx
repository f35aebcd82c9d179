import { Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { Field } from './Field';

interface NewRuleVersionProps {
  effectiveFrom: string;
  onEffectiveFrom: (day: string) => void;
  problems: { effectiveFrom?: string | null; server?: string | null };
  busy: boolean;
  onSave: () => void;
  hint?: string;
  /** The prefix of the test ids: `<testId>-from`, `<testId>-save`. */
  testId: string;
}

/**
 * The foot of a county rules editor (hardship standards, legal-aid rules): from which day the new
 * version applies, and "保存为新版本". Old versions never change (the rule-sets module).
 */
export function NewRuleVersion({ effectiveFrom, onEffectiveFrom, problems, busy, onSave, hint, testId }: NewRuleVersionProps) {
  return (
    <>
      <Field
        label="新版本从哪天起执行"
        value={effectiveFrom}
        onChange={onEffectiveFrom}
        hint={hint}
        error={problems.effectiveFrom}
        testId={`${testId}-from`}
      />
      {problems.server ? <Text className="field__error">{problems.server}</Text> : null}
      <Button block size="large" type="primary" className="big-button" loading={busy} onClick={onSave} data-testid={`${testId}-save`}>
        保存为新版本
      </Button>
    </>
  );
}
