import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { Spin } from 'antd';

// The province's settings under /tinh, one route in the app's first screen: each screen loads when first opened.
const PlanPage = lazy(() => import('./PlanPage'));
const CommuneGroups = lazy(() => import('./CommuneGroups'));
const PilotCommunes = lazy(() => import('./PilotCommunes'));
const ConstructionDebts = lazy(() => import('./ConstructionDebts'));
const CommuneDebts = lazy(() => import('./ConstructionDebts').then((m) => ({ default: m.CommuneDebts })));

export default function ProvinceRoutes() {
  return (
    <Suspense fallback={<Spin aria-label="Đang tải" />}>
      <Routes>
        <Route index element={<Navigate to="ke-hoach" replace />} />
        <Route path="ke-hoach" element={<PlanPage />} />
        <Route path="nhom-xa" element={<CommuneGroups />} />
        <Route path="xa-thi-diem" element={<PilotCommunes />} />
        <Route path="no-dong-xdcb" element={<ConstructionDebts />} />
        <Route path="no-dong-xdcb/:communeCode" element={<CommuneDebts />} />
      </Routes>
    </Suspense>
  );
}
