export default definePageConfig({ navigationBarTitleText: '年度复核和回访' });
