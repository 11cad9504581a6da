import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';

/** Renders the current location so tests can assert on navigation. */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

/** Mounts `routes` (a <Routes> tree or a single element at `path`) in a MemoryRouter at `url`. */
export function renderAt(url: string, ui: ReactElement) {
  return render(
    <MemoryRouter initialEntries={[url]}>
      {ui}
      <LocationProbe />
    </MemoryRouter>,
  );
}

export function renderRoute(url: string, path: string, element: ReactElement, others: Record<string, ReactElement> = {}) {
  return renderAt(
    url,
    <Routes>
      <Route path={path} element={element} />
      {Object.entries(others).map(([p, e]) => (
        <Route key={p} path={p} element={e} />
      ))}
    </Routes>,
  );
}
