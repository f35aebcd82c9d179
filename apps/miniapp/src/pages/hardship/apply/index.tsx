import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { isTerminalState, type HardshipApplicationSummary, type HardshipRules, type MemberCardView } from '@union/shared';
import { LoginPrompt } from '../../../components/LoginPrompt';
import { draftStatusText, useDraftSync } from '../../../hooks/useDraftSync';
import { hardshipApi } from '../../../services/api/hardship';
import { meApi } from '../../../services/api/me';
import { cardApi } from '../../../services/api/membership';
import {
  clearLocalHardshipDraft,
  emptyDraftData,
  loadLocalHardshipDraft,
  pickDraft,
  PROXY_DRAFT_KEY,
  saveLocalHardshipDraft,
  toServerDraft,
  type HardshipDraftData,
  type HardshipLocalDraft,
  type MemberDraft,
} from '../../../services/hardshipDraft';
import { isApiError } from '../../../services/request';
import { showError } from '../../../utils/feedback';
import { route } from '../../../utils/nav';
import {
  firstIncompleteStep,
  problemsOf,
  STEPS,
  stepIndex,
  stepOfField,
  toProxyRequest,
  toRequest,
  type Problems,
  type StepKey,
} from './form';
import { MemberEditor } from './MemberEditor';
import {
  BankStep,
  CausesStep,
  EvidenceStep,
  ExclusionsStep,
  FinanceConsentStep,
  MembersStep,
  MoneyStep,
  ReviewStep,
  SensitiveConsentStep,
  UnionStep,
  WorkStep,
} from './steps';
import { useLoggedIn } from '../../../hooks/useLoggedIn';

/** Where to start: where the worker stopped, but not past a screen that is still incomplete. */
function startStep(draft: HardshipLocalDraft): number {
  const missing = firstIncompleteStep(draft.data);
  const step = Math.min(Math.max(0, draft.step), STEPS.length - 1);
  return missing ? Math.min(step, stepIndex(missing)) : step;
}

/**
 * The hardship application, one topic per screen; the draft is kept on the phone and on the server.
 * With `?proxy=1` a cadre files on a worker's behalf (代办): the first screen also records how the
 * worker consented, the draft stays on this phone only (under its own key), and it posts to the
 * proxy endpoint.
 */
/** A new application's answers, with what the member card already says (union, name). */
function knownData(card: MemberCardView | null): HardshipDraftData {
  const data = emptyDraftData();
  if (!card) return data;
  const [self, ...rest] = data.members;
  return {
    ...data,
    organizationId: card.organization.id,
    organizationName: card.organization.name,
    accountName: card.realName,
    members: [{ ...self, name: card.realName }, ...rest],
  };
}

export default function HardshipApply() {
  const loggedIn = useLoggedIn();
  const proxyMode = useRouter().params.proxy === '1';
  const draftKey = proxyMode ? PROXY_DRAFT_KEY : undefined;
  const [draft, setDraft] = useState<HardshipLocalDraft | null>(null);
  const [rules, setRules] = useState<HardshipRules | null>(null);
  const [openApplication, setOpenApplication] = useState<HardshipApplicationSummary | null>(null);
  const [needsNotice, setNeedsNotice] = useState(false);
  const [editing, setEditing] = useState<number | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const submitted = useRef(false);

  // The server copy only once the worker has agreed to the processing of sensitive data.
  // A 代办 form is never sent as a draft: the server's draft belongs to the signed-in cadre.
  const sync = useDraftSync(draft, !proxyMode && !!draft?.data.consentSensitive, (d) => hardshipApi.saveDraft(toServerDraft(d)));

  useEffect(() => {
    if (draft && !submitted.current) saveLocalHardshipDraft(draft, draftKey);
  }, [draft, draftKey]);

  useEffect(() => {
    if (!loggedIn) return undefined;
    let live = true;
    if (proxyMode) {
      void hardshipApi
        .currentRules()
        .catch(() => null)
        .then((ruleSet) => {
          if (!live) return;
          setRules(ruleSet?.rules ?? null);
          const local = loadLocalHardshipDraft(PROXY_DRAFT_KEY);
          const picked = local ?? { step: 0, data: emptyDraftData(), savedAt: new Date().toISOString() };
          const data = { ...picked.data, proxy: picked.data.proxy ?? { method: '' as const, note: '', upload: null } };
          setDraft({ step: startStep({ ...picked, data }), data, savedAt: picked.savedAt });
        });
      return () => {
        live = false;
      };
    }
    // Each part may fail offline; the form still opens from the phone's copy.
    void Promise.all([
      meApi.get().catch(() => null),
      // The newest applications: one still open is among them.
      hardshipApi.mine().then(
        (page) => page.items,
        (): HardshipApplicationSummary[] => [],
      ),
      hardshipApi.getDraft().catch(() => null),
      hardshipApi.currentRules().catch(() => null),
      // A member's union and name are known: a new application starts with them filled in.
      cardApi.mine().catch(() => null),
    ]).then(([me, mine, server, ruleSet, card]) => {
      if (!live) return;
      const open = mine.find((a) => !isTerminalState('hardship_application', a.state));
      if (open) {
        setOpenApplication(open);
        return;
      }
      setNeedsNotice(!!me && !me.consentsCurrent);
      setRules(ruleSet?.rules ?? null);
      const picked = pickDraft(loadLocalHardshipDraft(), server) ?? { step: 0, data: knownData(card), savedAt: new Date().toISOString() };
      setDraft({ ...picked, step: startStep(picked) });
    });
    return () => {
      live = false;
    };
  }, [loggedIn, proxyMode]);

  // Back from the privacy notice page: check again.
  useDidShow(() => {
    if (needsNotice)
      meApi
        .get()
        .then((me) => setNeedsNotice(!me.consentsCurrent))
        .catch(() => undefined);
  });

  const now = () => new Date().toISOString();
  const change = (patch: Partial<HardshipDraftData>) => {
    setDraft((d) => (d ? { ...d, data: { ...d.data, ...patch }, savedAt: now() } : d));
    setProblems({});
  };
  const changeMember = (index: number, patch: Partial<MemberDraft>) =>
    setDraft((d) =>
      d ? { ...d, data: { ...d.data, members: d.data.members.map((m, i) => (i === index ? { ...m, ...patch } : m)) }, savedAt: now() } : d,
    );

  const goStep = (index: number) => {
    setEditing(null);
    setProblems({});
    setDraft((d) => {
      if (!d) return d;
      const data = { ...d.data };
      // The bank account is usually the applicant's own.
      if (STEPS[index].key === 'bank' && !data.accountName) data.accountName = data.members[0]?.name.trim() ?? '';
      return { ...d, data, step: index, savedAt: now() };
    });
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
  };

  const showProblemsOf = (key: StepKey, data: HardshipDraftData): boolean => {
    const p = problemsOf(key, data);
    if (Object.keys(p).length === 0) return false;
    goStep(stepIndex(key));
    setProblems(p);
    return true;
  };

  const next = () => {
    if (!draft) return;
    const key = STEPS[draft.step].key;
    const p = problemsOf(key, draft.data);
    setProblems(p);
    if (Object.keys(p).length === 0) goStep(draft.step + 1);
  };

  const submit = async () => {
    if (!draft) return;
    const missing = firstIncompleteStep(draft.data);
    if (missing && missing !== 'review' && showProblemsOf(missing, draft.data)) return;
    setBusy(true);
    try {
      if (proxyMode) {
        const filed = await hardshipApi.submitByProxy(toProxyRequest(draft.data));
        submitted.current = true;
        clearLocalHardshipDraft(PROXY_DRAFT_KEY);
        await Taro.redirectTo({ url: route('/staff/pages/hardship/index', { id: filed.id }) });
        return;
      }
      const created = await hardshipApi.submit(toRequest(draft.data));
      submitted.current = true;
      sync.cancel();
      clearLocalHardshipDraft();
      // The server drops the draft on submit too; this also covers an older copy sent late.
      void hardshipApi.deleteDraft().catch(() => undefined);
      await Taro.redirectTo({ url: route('/pages/hardship/application/index', { id: created.id, submitted: 1 }) });
    } catch (e) {
      if (isApiError(e, 'consent_required')) {
        setNeedsNotice(true);
      } else if (isApiError(e, 'validation_failed') && e.details?.length) {
        goStep(stepIndex(stepOfField(e.details[0].field)));
        setProblems({ server: e.details[0].message });
      } else if (!proxyMode && (isApiError(e, 'hardship_application_open') || isApiError(e, 'household_already_filed'))) {
        await showError(e);
        await Taro.redirectTo({ url: '/pages/hardship/mine/index' });
        return;
      }
      await showError(e);
    } finally {
      setBusy(false);
    }
  };

  if (!loggedIn)
    return (
      <View className="page">
        <LoginPrompt text="申请困难帮扶前请先登录。不登录也可以先做自测。" />
      </View>
    );
  if (openApplication)
    return (
      <View className="page" data-testid="hs-apply-open">
        <View className="card">
          <Text className="card__title">您已有一份正在办理的帮扶申请</Text>
          <Text className="paragraph">
            {openApplication.stateLabel}：{openApplication.nextStep}
          </Text>
          <Button
            block
            size="large"
            type="primary"
            className="big-button"
            onClick={() => void Taro.redirectTo({ url: route('/pages/hardship/application/index', { id: openApplication.id }) })}
          >
            查看办理进度
          </Button>
        </View>
      </View>
    );
  if (!draft)
    return (
      <View className="page">
        <Text className="muted">正在打开…</Text>
      </View>
    );

  const { step, data } = draft;
  const key = STEPS[step].key;
  const props = { data, change, problems };
  const noticeCard = needsNotice ? (
    <View className="card" data-testid="hs-needs-notice">
      <Text className="paragraph">提交前还需要您阅读并同意工会的《个人信息保护告知》（只需一次）。</Text>
      <Button
        block
        size="large"
        className="big-button"
        onClick={() => void Taro.navigateTo({ url: route('/pages/membership/consent/index', { back: 1 }) })}
        data-testid="hs-open-notice"
      >
        去阅读并同意
      </Button>
    </View>
  ) : null;

  return (
    <View className="page" data-testid={`hs-apply-${key}`}>
      <View className="steps">
        {STEPS.map((s, i) => (
          <View key={s.key} className={`steps__item${i <= step ? ' steps__item--done' : ''}`} />
        ))}
      </View>
      {proxyMode ? (
        <Text className="paragraph" data-testid="hs-proxy-banner">
          代办：您正在替职工填写困难帮扶申请。“我”指职工本人。
        </Text>
      ) : null}
      <Text className="muted">
        第 {step + 1} 步，共 {STEPS.length} 步。
      </Text>
      <Text className={sync.status === 'offline' ? 'field__error' : 'muted'} data-testid="hs-draft-status" data-status={sync.status}>
        {draftStatusText(sync.status)}
      </Text>
      {key === 'consent_sensitive' || key === 'review' ? noticeCard : null}
      <View className="card">
        {editing !== null && key === 'members' ? (
          <MemberEditor
            index={editing}
            members={data.members}
            onChange={(patch) => changeMember(editing, patch)}
            onDone={() => setEditing(null)}
            onRemove={() => {
              change({ members: data.members.filter((_, i) => i !== editing) });
              setEditing(null);
            }}
          />
        ) : (
          <View>
            <Text className="card__title">{STEPS[step].title}</Text>
            {key === 'consent_sensitive' ? <SensitiveConsentStep {...props} /> : null}
            {key === 'consent_finance' ? <FinanceConsentStep {...props} /> : null}
            {key === 'union' ? <UnionStep {...props} /> : null}
            {key === 'work' ? <WorkStep {...props} /> : null}
            {key === 'members' ? <MembersStep {...props} onEdit={setEditing} /> : null}
            {key === 'causes' ? <CausesStep {...props} /> : null}
            {key === 'money' ? <MoneyStep {...props} rules={rules} /> : null}
            {key === 'exclusions' ? <ExclusionsStep {...props} rules={rules} /> : null}
            {key === 'bank' ? <BankStep {...props} /> : null}
            {key === 'evidence' ? <EvidenceStep {...props} /> : null}
            {key === 'review' ? <ReviewStep data={data} rules={rules} onEdit={(k) => goStep(stepIndex(k))} /> : null}
            {problems.server ? <Text className="field__error">{problems.server}</Text> : null}
          </View>
        )}
      </View>

      {editing === null ? (
        <View>
          {key !== 'review' ? (
            <Button block size="large" type="primary" className="big-button" onClick={next} data-testid="hs-next">
              {key === 'consent_sensitive' || key === 'consent_finance' ? '同意，下一步' : '下一步'}
            </Button>
          ) : (
            <Button
              block
              size="large"
              type="primary"
              className="big-button"
              disabled={busy || needsNotice}
              onClick={() => void submit()}
              data-testid="hs-submit"
            >
              {busy ? '正在提交…' : proxyMode ? '确认代办提交' : '确认提交'}
            </Button>
          )}
          {step > 0 ? (
            <Button block size="large" className="big-button" onClick={() => goStep(step - 1)} data-testid="hs-back">
              上一步
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
