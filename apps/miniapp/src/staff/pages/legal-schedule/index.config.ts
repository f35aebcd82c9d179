export default definePageConfig({ navigationBarTitleText: '值班安排' });
