import { type PropsWithChildren } from 'react';
// NutUI styles, one file per component we use (never the whole stylesheet).
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import './app.scss';
import { installH5Accessibility } from './utils/h5-a11y';

if (process.env.TARO_ENV === 'h5') installH5Accessibility();

export default function App({ children }: PropsWithChildren) {
  return children;
}
