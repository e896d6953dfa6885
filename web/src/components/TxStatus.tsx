// What a transaction is doing, in words, with a link to the block explorer when the network has one.
import type { TxState } from "../hooks/useTransaction";
import { useDeployment } from "../hooks/useDeployment";

export function TxStatus({ state }: { state: TxState }) {
  const { explorerUrl } = useDeployment();
  const link = (hash: string) =>
    explorerUrl ? (
      <a href={`${explorerUrl.replace(/\/$/, "")}/tx/${hash}`} target="_blank" rel="noreferrer">
        {short(hash)}
      </a>
    ) : (
      <code title={hash}>{short(hash)}</code>
    );
  switch (state.phase) {
    case "idle":
      return null;
    case "signing":
      return <p role="status">Confirm the transaction in your wallet…</p>;
    case "pending":
      return <p role="status">Pending: {link(state.hash)} is waiting to be mined…</p>;
    case "confirmed":
      return <p role="status" className="ok">Confirmed: {link(state.hash)}.</p>;
    case "failed":
      return (
        <p role="alert" className="error">
          Failed: {state.reason}
          {state.hash ? <> ({link(state.hash)})</> : null}
        </p>
      );
  }
}

const short = (hash: string) => `${hash.slice(0, 10)}…${hash.slice(-6)}`;
