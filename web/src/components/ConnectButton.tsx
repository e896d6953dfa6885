// Connect an injected wallet; on the wrong network, a prompt to switch (the app never signs on another chain).
import { useAccount, useConnect, useDisconnect, useSwitchChain } from "wagmi";
import { formatAddress } from "../../../scripts/lib/format";
import { useDeployment } from "../hooks/useDeployment";

export function ConnectButton() {
  const d = useDeployment();
  const { address, chainId, isConnected } = useAccount();
  const { connect, connectors, error, isPending } = useConnect();
  const { disconnect } = useDisconnect();
  const { switchChain, error: switchError } = useSwitchChain();
  if (!isConnected) {
    const wallet = connectors[0];
    if (!wallet) return <span className="muted">No browser wallet found: the pages stay read-only.</span>;
    return (
      <span>
        <button onClick={() => connect({ connector: wallet })} disabled={isPending}>
          Connect wallet
        </button>
        {error ? <span role="alert" className="error"> {error.name === "UserRejectedRequestError" ? "You rejected the connection." : error.message}</span> : null}
      </span>
    );
  }
  if (chainId !== d.chainId)
    return (
      <span role="alert">
        Your wallet is on chain {chainId}; this deployment is on chain {d.chainId}.{" "}
        <button onClick={() => switchChain({ chainId: d.chainId })}>Switch network</button>
        {switchError ? <span className="error"> {switchError.message}</span> : null}
      </span>
    );
  return (
    <span>
      <code data-testid="connected-account" title={address}>
        {formatAddress(address!)}
      </code>{" "}
      <button onClick={() => disconnect()}>Disconnect</button>
    </span>
  );
}
