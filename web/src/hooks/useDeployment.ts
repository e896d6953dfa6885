// The deployment the app was started with (loaded once in main.tsx, before wagmi is configured).
import { createContext, useContext } from "react";
import type { Deployment } from "../config/deployment";

export const DeploymentContext = createContext<Deployment | undefined>(undefined);

export function useDeployment(): Deployment {
  const d = useContext(DeploymentContext);
  if (!d) throw new Error("useDeployment outside <DeploymentContext.Provider>");
  return d;
}
