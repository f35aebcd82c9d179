export default definePageConfig({ navigationBarTitleText: '县总工会服务' });
