// Loads the deployment, configures wagmi for its chain, and renders the app; a deployment that can't load is shown
// as its sentence.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { WagmiProvider } from "wagmi";
import { App } from "./App";
import { loadDeployment } from "./config/deployment";
import { wagmiConfigOf } from "./config/wagmi";
import { DeploymentContext } from "./hooks/useDeployment";
import "./styles.css";

const root = createRoot(document.getElementById("root")!);
loadDeployment().then(
  (deployment) => {
    const queryClient = new QueryClient();
    root.render(
      <StrictMode>
        <DeploymentContext.Provider value={deployment}>
          <WagmiProvider config={wagmiConfigOf(deployment)}>
            <QueryClientProvider client={queryClient}>
              <App />
            </QueryClientProvider>
          </WagmiProvider>
        </DeploymentContext.Provider>
      </StrictMode>,
    );
  },
  (error: Error) => root.render(<p role="alert">{error.message}</p>),
);
