// wagmi for the deployment's chain: reads go to the deployment's RPC, signing to an injected wallet (MetaMask, Rabby,
// or the test wallet the browser tests inject). No connector that needs a remote project id or any outbound call.
import { createConfig, http, injected } from "wagmi";
import { defineChain } from "viem";
import type { Deployment } from "./deployment";

export function chainOf(d: Deployment) {
  return defineChain({
    id: d.chainId,
    name: d.network === "localhost" || d.network === "default" ? "Aethir local" : d.network,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [d.rpcUrl] } },
    blockExplorers: d.explorerUrl ? { default: { name: "Explorer", url: d.explorerUrl } } : undefined,
  });
}

export function wagmiConfigOf(d: Deployment) {
  const chain = chainOf(d);
  return createConfig({
    chains: [chain],
    connectors: [injected()],
    transports: { [chain.id]: http(d.rpcUrl) },
    multiInjectedProviderDiscovery: true,
  });
}
