export default definePageConfig({ navigationBarTitleText: '帮扶规则' });
