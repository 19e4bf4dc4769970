import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Spin } from 'antd';

// The emulation screens under /thi-dua, one route in the app's first screen: each screen loads when first opened.
const EmulationHome = lazy(() => import('./EmulationHome'));
const MovementPage = lazy(() => import('./MovementPage'));
const NominationPage = lazy(() => import('./NominationPage'));
const Registry = lazy(() => import('./Registry'));
const AwardTypes = lazy(() => import('./AwardTypes'));
const PriorAwards = lazy(() => import('./PriorAwards'));
const Decisions = lazy(() => import('./Decisions'));

export default function EmulationRoutes() {
  return (
    <Suspense fallback={<Spin aria-label="Đang tải" />}>
      <Routes>
        <Route index element={<EmulationHome />} />
        <Route path="phong-trao/:movementId" element={<MovementPage />} />
        <Route path="de-nghi/:id" element={<NominationPage />} />
        <Route path="so-khen-thuong" element={<Registry />} />
        <Route path="hinh-thuc-khen-thuong" element={<AwardTypes />} />
        <Route path="khen-thuong-da-co" element={<PriorAwards />} />
        <Route path="quyet-dinh" element={<Decisions />} />
      </Routes>
    </Suspense>
  );
}
