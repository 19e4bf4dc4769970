import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import { AuthProvider } from './auth';
import { App } from './App';
import { UploadsProvider } from './components/uploads';
import './index.css';

// The date fields ask for a day ("Chọn thời điểm", Ant Design's wording, reads as a moment); a field with the time
// too says so itself.
const locale: typeof viVN = {
  ...viVN,
  DatePicker: viVN.DatePicker && {
    ...viVN.DatePicker,
    lang: { ...viVN.DatePicker.lang, placeholder: 'Chọn ngày' },
  },
};

// A person who asked their system for less motion gets none: menus, dialogs and messages open and close at once.
const motion = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={locale}
      wave={{ disabled: !motion }}
      theme={{
        token: {
          colorPrimary: '#1458c7',
          // Antd's lighter hover blue leaves white text under 4.5:1 while the pointer rests on a button.
          colorPrimaryHover: '#0f4aa3',
          colorLink: '#1458c7',
          // Likewise a link's lighter hover blue on white, under the pointer after a choice in a menu above it.
          colorLinkHover: '#0f4aa3',
          fontSize: 15,
          borderRadius: 6,
          colorTextDescription: '#595959',
          // Antd's red (#ff4d4f) is under 4.5:1 on the pages' grey: a field's error must be read by all who see it.
          colorError: '#cf1322',
          motion,
        },
      }}
    >
      <BrowserRouter>
        <AuthProvider>
          <UploadsProvider>
            <App />
          </UploadsProvider>
        </AuthProvider>
      </BrowserRouter>
    </ConfigProvider>
  </StrictMode>,
);
