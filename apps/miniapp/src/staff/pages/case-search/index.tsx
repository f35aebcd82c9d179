import { useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  applicantMatch,
  caseSearchQuery,
  checkAgainst,
  handlesCaseType,
  WORKFLOWS,
  type CaseSearchItem,
  type CaseSearchQuery,
  type CaseType,
  type MeView,
  type OrganizationView,
} from '@union/shared';
import { Choice } from '../../../components/Choice';
import { Field } from '../../../components/Field';
import { OrgPicker } from '../../../components/OrgPicker';
import { StateTag } from '../../../components/StateTag';
import { casesApi } from '../../../services/api/cases';
import { meApi } from '../../../services/api/me';
import { isApiError } from '../../../services/request';
import { errorMessage, toast } from '../../../utils/feedback';
import { deadlineText, formatDate } from '../../../utils/format';

interface Filters {
  applicant: string;
  caseType: CaseType | null;
  state: string | null;
  organization: OrganizationView | null;
  open: boolean | null;
  overdue: boolean;
}

const NO_FILTERS: Filters = { applicant: '', caseType: null, state: null, organization: null, open: null, overdue: false };

/** The request of the filters (empty ones left out), checked by the same schema as the server's. */
function queryOf(f: Filters, after: string | null): CaseSearchQuery | { problems: Record<string, string> } {
  const raw = {
    ...(f.applicant.trim() ? { applicant: f.applicant.trim() } : {}),
    ...(f.caseType ? { caseType: f.caseType } : {}),
    ...(f.state ? { state: f.state } : {}),
    ...(f.organization ? { organizationId: f.organization.id } : {}),
    ...(f.open !== null ? { open: f.open } : {}),
    ...(f.overdue ? { overdue: true } : {}),
    ...(after ? { after } : {}),
    limit: 20,
  };
  const checked = checkAgainst(caseSearchQuery, raw);
  return checked.ok ? checked.value : { problems: checked.problems };
}

function open(item: CaseSearchItem) {
  if (item.route) void Taro.navigateTo({ url: item.route });
  else toast(`“${item.caseTypeLabel}”还不能在小程序里办理`);
}

/**
 * 查找案件: any case the staff member handles, of every type, newest first. By applicant (name,
 * compared masked, or ID number: that lookup is recorded in the audit log), type and step, part of
 * the union tree, open or finished, overdue.
 */
export default function CaseSearch() {
  const [me, setMe] = useState<MeView | null>(null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [items, setItems] = useState<CaseSearchItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [searched, setSearched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [showFilters, setShowFilters] = useState(false);
  // A slow answer to an earlier search is dropped.
  const asked = useRef(0);

  useDidShow(() => {
    meApi
      .get()
      .then(setMe)
      .catch((e: unknown) => setError(errorMessage(e)));
  });

  // Objections are not searched for on their own: they are on the page of the case on notice.
  const types = me ? Object.values(WORKFLOWS).filter((def) => !def.partOf && handlesCaseType(def, me.permissions)) : [];
  const chosenDef = filters.caseType ? WORKFLOWS[filters.caseType] : null;
  const update = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  const run = async (after: string | null) => {
    const query = queryOf(filters, after);
    if ('problems' in query) {
      setProblems(query.problems);
      return;
    }
    setProblems({});
    const ticket = ++asked.current;
    setBusy(true);
    try {
      const page = await casesApi.search(query);
      if (ticket !== asked.current) return;
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
      setSearched(true);
    } catch (e) {
      if (isApiError(e) && e.details?.length) setProblems(Object.fromEntries(e.details.map((d) => [d.field, d.message])));
      setError(errorMessage(e));
    } finally {
      if (ticket === asked.current) setBusy(false);
    }
  };

  const chosen = [
    filters.caseType ? WORKFLOWS[filters.caseType].label : null,
    filters.state && chosenDef ? chosenDef.states[filters.state]?.label : null,
    filters.open === true ? '未办结' : filters.open === false ? '已办结' : null,
    filters.overdue ? '已超期' : null,
    filters.organization?.name ?? null,
  ].filter((x): x is string => !!x);

  const byId = filters.applicant.trim() ? applicantMatch(filters.applicant).by === 'idNumber' : false;

  return (
    <View className="page" data-testid="case-search-page">
      <View className="card">
        <Text className="card__title">查找案件</Text>
        <Text className="muted">查找您经办范围内的各类案件（本人的案件不在其中）。条件可以不填，不填就是全部，最新的在前。</Text>
        <Field
          label="申请人"
          value={filters.applicant}
          onChange={(applicant) => update({ applicant })}
          placeholder="姓名或身份证号"
          hint={
            byId
              ? '按身份证号查找：号码不保存，查找会记入审计日志。'
              : '填姓名时按脱敏后的姓名比对（如“张三”查“张*”），同姓同字数的人都会列出。'
          }
          error={problems.applicant}
          maxlength={30}
          testId="search-applicant"
        />

        <Button
          block
          size="large"
          type="primary"
          className="big-button"
          loading={busy}
          onClick={() => void run(null)}
          data-testid="search-submit"
        >
          查找
        </Button>
        <Button
          block
          size="large"
          className="big-button"
          onClick={() => {
            setFilters(NO_FILTERS);
            setProblems({});
          }}
          data-testid="search-reset"
        >
          清空条件
        </Button>
        <Button
          block
          size="large"
          className="big-button"
          onClick={() => setShowFilters(!showFilters)}
          data-testid="search-toggle-filters"
          aria-expanded={showFilters}
        >
          {showFilters ? '收起筛选条件' : `筛选条件${chosen.length ? `（${chosen.join('、')}）` : ''}`}
        </Button>
        {showFilters ? (
          <View data-testid="search-filters">
            <Text className="field__label">案件类型</Text>
            <Choice
              title="全部类型"
              selected={!filters.caseType}
              onSelect={() => update({ caseType: null, state: null })}
              testId="search-type-all"
            />
            {types.map((def) => (
              <Choice
                key={def.caseType}
                title={def.label}
                selected={filters.caseType === def.caseType}
                onSelect={() => update({ caseType: def.caseType as CaseType, state: null })}
                testId={`search-type-${def.caseType}`}
              />
            ))}
            {problems.caseType ? <Text className="field__error">{problems.caseType}</Text> : null}

            {chosenDef ? (
              <View data-testid="search-states">
                <Text className="field__label">办到哪一步</Text>
                <Choice title="所有步骤" selected={!filters.state} onSelect={() => update({ state: null })} testId="search-state-all" />
                {Object.entries(chosenDef.states).map(([state, def]) => (
                  <Choice
                    key={state}
                    title={def.label}
                    selected={filters.state === state}
                    onSelect={() => update({ state })}
                    testId={`search-state-${state}`}
                  />
                ))}
                {problems.state ? <Text className="field__error">{problems.state}</Text> : null}
              </View>
            ) : null}

            <Text className="field__label">办结情况</Text>
            <Choice title="不限" selected={filters.open === null} onSelect={() => update({ open: null })} testId="search-open-any" />
            <Choice title="未办结" selected={filters.open === true} onSelect={() => update({ open: true })} testId="search-open-yes" />
            <Choice title="已办结" selected={filters.open === false} onSelect={() => update({ open: false })} testId="search-open-no" />
            <Choice
              title="只看已超期的"
              desc="已过办理期限、还没办结的案件"
              selected={filters.overdue}
              onSelect={() => update({ overdue: !filters.overdue })}
              testId="search-overdue"
            />

            <Text className="field__label">所在组织（含下级）</Text>
            <OrgPicker
              selectedId={filters.organization?.id ?? null}
              onSelect={(organization) => update({ organization })}
              testId="search-org"
            />
            {filters.organization ? (
              <View className="row">
                <Text className="paragraph">已选：{filters.organization.name}</Text>
                <Button size="small" onClick={() => update({ organization: null })} data-testid="search-org-clear">
                  不限组织
                </Button>
              </View>
            ) : null}
            {problems.organizationId ? <Text className="field__error">{problems.organizationId}</Text> : null}
          </View>
        ) : null}
      </View>

      {error ? (
        <Text className="paragraph" data-testid="search-error">
          {error}
        </Text>
      ) : null}
      {searched && !error && items.length === 0 ? (
        <View className="card center">
          <Text className="muted" data-testid="search-empty">
            没有符合条件的案件。
          </Text>
        </View>
      ) : null}
      {items.length > 0 ? (
        <Text className="muted" data-testid="search-count">
          找到 {items.length}
          {cursor ? '+' : ''} 件
        </Text>
      ) : null}
      {items.map((item) => {
        const overdue = item.deadline?.overdue ?? false;
        return (
          <View
            key={item.caseId}
            className={`list-item${overdue ? ' list-item--overdue' : ''}`}
            onClick={() => open(item)}
            data-testid={`search-result-${item.caseId}`}
          >
            <StateTag caseType={item.caseType} state={item.state} label={item.stateLabel} />
            <Text className="list-item__title">
              {item.caseTypeLabel} · {item.title}
            </Text>
            <Text className="muted">
              申请人 {item.applicantNameMasked || '—'} · {item.organizationName} · {formatDate(item.submittedAt)} 提交
              {item.closedAt ? ` · ${formatDate(item.closedAt)} 办结` : ''}
            </Text>
            {item.deadline ? <Text className={overdue ? 'danger-text' : 'muted'}>{deadlineText(item.deadline)}</Text> : null}
          </View>
        );
      })}
      {cursor ? (
        <Button block size="large" className="big-button" onClick={() => void run(cursor)} data-testid="search-more">
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
