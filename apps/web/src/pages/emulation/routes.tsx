import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Spin } from 'antd';

// The emulation screens under /thi-dua, one route in the app's first screen: each screen loads when first opened.
const EmulationHome = lazy(() => import('./EmulationHome'));
const MovementPage = lazy(() => import('./MovementPage'));
const NominationPage = lazy(() => import('./NominationPage'));
const Registry = lazy(() => import('./Registry'));

export default function EmulationRoutes() {
  return (
    <Suspense fallback={<Spin aria-label="Đang tải" />}>
      <Routes>
        <Route index element={<EmulationHome />} />
        <Route path="phong-trao/:movementId" element={<MovementPage />} />
        <Route path="de-nghi/:id" element={<NominationPage />} />
        <Route path="so-khen-thuong" element={<Registry />} />
      </Routes>
    </Suspense>
  );
}
