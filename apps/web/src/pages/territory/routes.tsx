import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Spin } from 'antd';

// The territory screens under /don-vi-hanh-chinh, one route in the app's first screen: each loads when opened.
const Units = lazy(() => import('./Units'));
const CommuneRecord = lazy(() => import('./CommuneRecord'));

export default function TerritoryRoutes() {
  return (
    <Suspense fallback={<Spin aria-label="Đang tải" />}>
      <Routes>
        <Route index element={<Units />} />
        <Route path="xa/:communeCode" element={<CommuneRecord />} />
      </Routes>
    </Suspense>
  );
}
