import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { ConfigProvider, Spin } from 'antd';

// The province's settings under /tinh, one route in the app's first screen: each screen loads when first opened.
const PlanPage = lazy(() => import('./PlanPage'));
const CommuneGroups = lazy(() => import('./CommuneGroups'));

export default function ProvinceRoutes() {
  return (
    // Antd's red (#ff4d4f) is under 4.5:1 on the page's grey: a field's error must be read by all who see it.
    <ConfigProvider theme={{ token: { colorError: '#cf1322' } }}>
      <Suspense fallback={<Spin aria-label="Đang tải" />}>
        <Routes>
          <Route index element={<Navigate to="ke-hoach" replace />} />
          <Route path="ke-hoach" element={<PlanPage />} />
          <Route path="nhom-xa" element={<CommuneGroups />} />
        </Routes>
      </Suspense>
    </ConfigProvider>
  );
}
