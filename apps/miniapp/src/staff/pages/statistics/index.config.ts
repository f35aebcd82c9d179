export default definePageConfig({ navigationBarTitleText: '帮扶统计' });
