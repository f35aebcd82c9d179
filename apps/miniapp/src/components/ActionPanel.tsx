import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ActionView, OrganizationView } from '@union/shared';
import { OrgPicker } from './OrgPicker';

export interface ActionInput {
  action: string;
  comment?: string;
  targetOrganizationId?: number;
}

interface ActionPanelProps {
  actions: ActionView[];
  busy: boolean;
  onRun: (input: ActionInput) => void | Promise<void>;
  /** What the comment box asks for, e.g. "请写明原因". */
  commentHint?: string;
  /** Steps done by filling their own form (ActionView.form): the page opens that form. */
  onForm?: (action: ActionView) => void;
}

/**
 * Exactly the buttons the server allows now. An action that needs a comment, a target union or a
 * confirmation opens a small form below the buttons instead of a system dialog, so it reads the
 * same in WeChat and in the browser.
 */
export function ActionPanel({ actions, busy, onRun, commentHint, onForm }: ActionPanelProps) {
  const [open, setOpen] = useState<ActionView | null>(null);
  const [comment, setComment] = useState('');
  const [target, setTarget] = useState<OrganizationView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  if (actions.length === 0) return null;

  const start = (a: ActionView) => {
    if (a.form && onForm) {
      onForm(a);
      return;
    }
    if (!a.requiresComment && !a.requiresTargetOrganization && !a.confirm) {
      void onRun({ action: a.action });
      return;
    }
    setOpen(a);
    setComment('');
    setTarget(null);
    setProblem(null);
  };

  const submit = () => {
    if (!open) return;
    if (open.requiresComment && !comment.trim()) {
      setProblem('请先写明原因或需要补充的内容');
      return;
    }
    if (open.requiresTargetOrganization && !target) {
      setProblem('请先选择要转给哪个工会');
      return;
    }
    const input: ActionInput = { action: open.action };
    if (comment.trim()) input.comment = comment.trim();
    if (target) input.targetOrganizationId = target.id;
    setOpen(null);
    void onRun(input);
  };

  return (
    <View className="actions" data-testid="actions">
      {!open &&
        actions.map((a, i) => {
          // The main forward step stands out; refusals are red outlines; the rest plain.
          const danger = a.tone === 'danger';
          const main = !danger && i === actions.findIndex((x) => x.tone !== 'danger');
          // A step the server says cannot be taken yet: shown disabled, with why and when it can.
          if (a.blockedReason)
            return (
              <View key={a.action} className="action-blocked" data-testid={`action-${a.action}-blocked`}>
                <Button block size="large" fill="outline" disabled className="big-button">
                  {a.label}
                </Button>
                <Text className="action-blocked__reason">{a.blockedReason}</Text>
              </View>
            );
          return (
            <Button
              key={a.action}
              block
              size="large"
              type={danger ? 'danger' : main ? 'primary' : 'default'}
              fill={danger ? 'outline' : main ? 'solid' : 'outline'}
              disabled={busy}
              className="big-button"
              onClick={() => start(a)}
              data-testid={`action-${a.action}`}
            >
              {a.label}
            </Button>
          );
        })}
      {open ? (
        <View className="card action-form" data-testid="action-form">
          <Text className="card__title">{open.label}</Text>
          {open.confirm ? <Text className="paragraph">{open.confirm}</Text> : null}
          {open.requiresTargetOrganization ? (
            <View>
              <Text className="field__label">转给哪个工会</Text>
              <OrgPicker selectedId={target?.id ?? null} onSelect={setTarget} testId="action-org-search" />
              {target ? <Text className="paragraph">已选：{target.name}</Text> : null}
            </View>
          ) : null}
          {open.requiresComment || open.requiresTargetOrganization ? (
            <View className="field">
              <Text className="field__label">{commentHint ?? '请写明原因（申请人会看到）'}</Text>
              <Textarea
                className="field__textarea"
                value={comment}
                maxlength={500}
                onInput={(e) => setComment(e.detail.value)}
                data-testid="action-comment"
              />
            </View>
          ) : null}
          {problem ? <Text className="field__error">{problem}</Text> : null}
          <Button block size="large" type="primary" className="big-button" disabled={busy} onClick={submit} data-testid="action-confirm">
            确定{open.label}
          </Button>
          <Button block size="large" className="big-button" onClick={() => setOpen(null)} data-testid="action-cancel">
            先不了
          </Button>
        </View>
      ) : null}
    </View>
  );
}
