import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useLoader } from '../../../hooks/useLoader';
import { consultationsApi, legalAidApi, threadsApi } from '../../../services/api/legal';
import { isLoggedIn } from '../../../services/tokens';
import { clockText, slotLabel } from '../../../utils/legal';
import { route, loginRoute } from '../../../utils/nav';
import { useLoggedIn } from '../../../hooks/useLoggedIn';

const nav = (url: string) => void Taro.navigateTo({ url: isLoggedIn() ? url : loginRoute(url) });

/**
 * The entry to legal services: book a lawyer, ask online, apply for legal aid, and what is going
 * on in the worker's own cases (the next booking, unread answers, the next statutory deadline).
 */
export default function LegalHome() {
  const loggedIn = useLoggedIn();
  // The first page of each list: the open booking, the questions answered last and the newest cases.
  const { data } = useLoader(async () => {
    const [consultations, threads, cases] = await Promise.all([consultationsApi.mine(), threadsApi.mine(), legalAidApi.mine()]);
    return { consultations: consultations.items, threads: threads.items, cases: cases.items };
  }, loggedIn);
  // A booking whose time is over is not "next", even while the lawyer has not yet written it up.
  const now = Date.now();
  const next = data?.consultations
    .filter((c) => c.state === 'booked' && new Date(c.endsAt).getTime() > now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  const nextNow = !!next && new Date(next.startsAt).getTime() <= now;
  const unread = (data?.threads ?? []).reduce((n, t) => n + t.unread, 0);
  const clocks = (data?.cases ?? []).filter((c) => c.clock.next).map((c) => ({ id: c.id, item: c.clock.next! }));

  return (
    <View className="page" data-testid="legal-home">
      <View className="card">
        <Text className="card__title">职工法律服务</Text>
        <Text className="paragraph">
          工资被拖欠、工伤、被辞退、不给交社保……县总工会职工法律援助中心的律师免费为您提供咨询；符合条件的，还可以申请法律援助，由律师代您协商、调解、仲裁或打官司。
        </Text>
      </View>

      {next ? (
        <View
          className="card card--highlight"
          onClick={() => nav(route('/pages/legal/consultation/index', { id: next.id }))}
          data-testid="legal-next-booking"
        >
          <Text className="card__title">{nextNow ? '正在进行的咨询' : '下一次咨询'}</Text>
          <Text className="paragraph">
            {slotLabel(next.startsAt)} · {next.lawyerName} · {next.channelLabel}
          </Text>
        </View>
      ) : null}
      {clocks.map(({ id, item }) => (
        <View
          className="card card--highlight"
          key={id}
          onClick={() => nav(route('/pages/legal/case/index', { id }))}
          data-testid={`legal-clock-${id}`}
        >
          <Text className="card__title">
            {item.label}：{clockText(item)}
          </Text>
          <Text className="muted">最后一天 {item.dueOn}。点这里看案件进展。</Text>
        </View>
      ))}

      <View className="tiles">
        <View className="tile" onClick={() => nav('/pages/legal/book/index')} data-testid="legal-book">
          <Text className="tile__title">预约律师</Text>
          <Text className="tile__desc">到中心面谈、电话或视频</Text>
        </View>
        <View className="tile" onClick={() => nav('/pages/legal/thread/index')} data-testid="legal-ask">
          <Text className="tile__title">在线咨询</Text>
          <Text className="tile__desc">文字加照片，律师 2 个工作日内答复</Text>
        </View>
        <View className="tile" onClick={() => nav('/pages/legal/apply/index')} data-testid="legal-apply">
          <Text className="tile__title">申请法律援助</Text>
          <Text className="tile__desc">律师代您协商、仲裁、打官司</Text>
        </View>
        <View className="tile" onClick={() => nav('/pages/legal/mine/index')} data-testid="legal-mine">
          <Text className="tile__title">我的法律服务</Text>
          <Text className="tile__desc">{unread > 0 ? `有 ${unread} 条新答复` : '预约、咨询和案件进度'}</Text>
        </View>
      </View>
      <View className="card">
        <Text className="muted">急事可拨打 12348 公共法律服务热线。劳动争议申请仲裁有时效，一般是知道权益受侵害之日起一年内。</Text>
      </View>
    </View>
  );
}
