// A token holder's wallet: ATH, stATH, votes and the voting delegate (set it to yourself or anyone).
import { useState } from "react";
import { getAddress, isAddress, type Address } from "viem";
import { useAccount, useWriteContract } from "wagmi";
import { Ath } from "../../components/Amount";
import { TxStatus } from "../../components/TxStatus";
import { athAbi } from "../../config/abis";
import { contractOf } from "../../config/deployment";
import { useDeployment } from "../../hooks/useDeployment";
import { useToken } from "../../hooks/useToken";
import { useTransaction } from "../../hooks/useTransaction";
import { Problem } from "../../components/Problem";

export function Wallet() {
  const { address } = useAccount();
  if (!address) return <p>Connect a wallet to see your ATH, your votes and your stATH.</p>;
  return <Holdings account={address} />;
}

function Holdings({ account }: { account: Address }) {
  const d = useDeployment();
  const token = useToken(account);
  const tx = useTransaction();
  const { writeContractAsync } = useWriteContract();
  const [to, setTo] = useState("");
  const [inputError, setInputError] = useState<string>();

  async function delegateVotes(delegatee: string) {
    if (!isAddress(delegatee, { strict: false })) return setInputError(`"${delegatee}" is not an address: paste a 0x… address of 40 hex digits.`);
    setInputError(undefined);
    const ok = await tx.run(() => writeContractAsync({ address: contractOf(d, "AethirToken").address, abi: athAbi, functionName: "delegate", args: [getAddress(delegatee)] }));
    if (ok) await token.refetch();
  }

  if (token.error) return <p role="alert">Could not read your balances: {token.error.message}</p>;
  const self = token.delegate?.toLowerCase() === account.toLowerCase();
  return (
    <section aria-labelledby="wallet-title">
      <h1 id="wallet-title">Your ATH</h1>
      <dl className="card">
        <div className="row">
          <dt>Balance</dt>
          <dd data-testid="ath-balance">{token.balance === undefined ? "…" : <Ath wei={token.balance} />}</dd>
        </div>
        <div className="row">
          <dt>Staked (stATH)</dt>
          <dd data-testid="stath-balance">{token.stath === undefined ? "…" : <Ath wei={token.stath} />}</dd>
        </div>
        <div className="row">
          <dt>Votes</dt>
          <dd data-testid="votes">{token.votes === undefined ? "…" : <Ath wei={token.votes} />}</dd>
        </div>
        <div className="row">
          <dt>Voting delegate</dt>
          <dd data-testid="delegate">{token.delegate === undefined ? "…" : /^0x0{40}$/i.test(token.delegate) ? "nobody (your ATH does not vote yet)" : self ? "yourself" : token.delegate}</dd>
        </div>
      </dl>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void delegateVotes(to.trim());
        }}
      >
        <label htmlFor="delegatee">Delegate your votes to</label>
        <input id="delegatee" value={to} onChange={(e) => setTo(e.target.value)} placeholder="0x… address" spellCheck={false} />
        <button type="submit" disabled={tx.state.phase === "signing" || tx.state.phase === "pending"}>
          Delegate
        </button>
        <button type="button" onClick={() => void delegateVotes(account)} disabled={self || tx.state.phase === "signing" || tx.state.phase === "pending"}>
          Vote with my own ATH
        </button>
        <Problem text={inputError} />
      </form>
      <TxStatus state={tx.state} />
    </section>
  );
}
