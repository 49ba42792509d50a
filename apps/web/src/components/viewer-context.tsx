'use client';

import { createContext, type ReactNode, useContext } from 'react';
import type { Viewer } from '~/lib/access';

export interface SessionViewer extends Viewer {
  id: string;
  email: string;
  name: string;
}

const ViewerContext = createContext<SessionViewer | null>(null);

export function ViewerProvider({ viewer, children }: { viewer: SessionViewer; children: ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

/** The signed-in user as the shell loaded them; for hiding controls, never for authorization. */
export function useViewer(): SessionViewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer must be used inside the signed-in layout');
  return viewer;
}
