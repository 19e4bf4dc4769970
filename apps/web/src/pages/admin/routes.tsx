import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Spin } from 'antd';

// The administrator's screens under /quan-tri, one route in the app's first screen: each loads when first opened.
const AdminHome = lazy(() => import('./AdminHome'));
const CriteriaSets = lazy(() => import('./CriteriaSets'));
const CriteriaSetPage = lazy(() => import('./CriteriaSetPage'));
const ProvinceProcedures = lazy(() => import('./ProvinceProcedures'));
const CalendarYears = lazy(() => import('./CalendarYears'));
const Projections = lazy(() => import('./Projections'));

export default function AdminRoutes() {
  return (
    <Suspense fallback={<Spin aria-label="Đang tải" />}>
      <Routes>
        <Route index element={<AdminHome />} />
        <Route path="bo-tieu-chi" element={<CriteriaSets />} />
        <Route path="bo-tieu-chi/:id" element={<CriteriaSetPage />} />
        <Route path="quy-trinh-tinh" element={<ProvinceProcedures />} />
        <Route path="lich-nghi" element={<CalendarYears />} />
        <Route path="xu-ly-du-lieu" element={<Projections />} />
      </Routes>
    </Suspense>
  );
}
