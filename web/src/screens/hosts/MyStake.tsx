// The connected account with one host, from the chain: its stake and claimable rewards (claim needs KYC: the
// contract refuses without it and the decoder says so), undelegating (the unlock date, 180 days out by default, shown
// before signing) and its unbonding requests with their countdown, each withdrawable once matured.
import { useState } from "react";
import { maxUint256, parseEventLogs, type Address, type Hash } from "viem";
import { usePublicClient, useWriteContract } from "wagmi";
import { Ath } from "../../components/Amount";
import { TxStatus } from "../../components/TxStatus";
import { When } from "../../components/When";
import { contractOf } from "../../config/deployment";
import { hostStakingAbi } from "../../config/hostStakingAbi";
import { useChainTime } from "../../hooks/useChainTime";
import { useDeployment } from "../../hooks/useDeployment";
import { useMyHostStake, useUnbondingPeriod, type UnbondingView } from "../../hooks/useHosts";
import { useTransaction } from "../../hooks/useTransaction";
import { parseAth } from "../../lib/amount";
import { formatAth } from "../../../../scripts/lib/format";
import { DataTable } from "../../components/DataTable";
import { Problem } from "../../components/Problem";

function useStakingContract() {
  const d = useDeployment();
  return { address: contractOf(d, "HostStaking").address, abi: hostStakingAbi } as const;
}

export function MyStake({ host, account, onChange }: { host: Address; account: Address; onChange: () => void }) {
  const [madeIds, setMadeIds] = useState<bigint[]>([]);
  // the withdrawn request leaves the list at once: say what came back, where the request was
  const [withdrawn, setWithdrawn] = useState<string>();
  const mine = useMyHostStake(host, account, madeIds);
  const now = useChainTime();
  const refresh = () => {
    void mine.refetch();
    onChange();
  };
  if (mine.error) return <p role="alert">Could not read your stake with this host: {mine.error.message}</p>;
  if (!mine.data) return <p aria-busy="true">Reading your stake with this host…</p>;
  const { stake, rewards, unbondings } = mine.data;
  const withdrawnNote = withdrawn ? (
    <p role="status" className="ok" data-testid="withdrawn">
      {withdrawn}
    </p>
  ) : null;
  if (stake === 0n && rewards === 0n && unbondings.length === 0)
    return (
      <>
        {withdrawnNote}
        <p className="muted mine">You have no stake with this host.</p>
      </>
    );
  return (
    <section aria-label="Your stake with this host" className="mine">
      <h3>Your stake</h3>
      <dl>
        <div className="row">
          <dt>Delegated</dt>
          <dd data-testid="my-stake">
            <Ath wei={stake} />
          </dd>
        </div>
        <div className="row">
          <dt>Rewards to claim</dt>
          <dd data-testid="my-rewards">
            <Ath wei={rewards} decimals={4} />
          </dd>
        </div>
      </dl>
      <ClaimButton host={host} onDone={refresh} />
      {stake > 0n ? <UndelegateForm host={host} stake={stake} now={now} onMade={(id) => setMadeIds((ids) => [...ids, id])} onDone={refresh} /> : null}
      {unbondings.length > 0 ? (
        <DataTable caption="Your unbonding requests" columns={["Request", "Worth", "Unlocks", "Action"]}>
          {unbondings.map((u) => (
            <UnbondingRow
              key={String(u.id)}
              host={host}
              u={u}
              now={now}
              onDone={() => {
                setWithdrawn(`Withdrawn: request #${u.id}, ${formatAth(u.assets, 2)} ATH, is back in your wallet.`);
                refresh();
              }}
            />
          ))}
        </DataTable>
      ) : null}
      {withdrawnNote}
    </section>
  );
}

function ClaimButton({ host, onDone }: { host: Address; onDone: () => void }) {
  const staking = useStakingContract();
  const tx = useTransaction();
  const { writeContractAsync } = useWriteContract();
  const busy = tx.state.phase === "signing" || tx.state.phase === "pending";
  return (
    <div className="action">
      <button
        onClick={async () => {
          if (await tx.run(() => writeContractAsync({ ...staking, functionName: "claimRewards", args: [host] }))) onDone();
        }}
        disabled={busy}
        title="Pays your released rewards with this host (needs a valid KYC attestation)"
      >
        Claim rewards
      </button>
      <TxStatus state={tx.state} />
    </div>
  );
}

function UndelegateForm({ host, stake, now, onMade, onDone }: { host: Address; stake: bigint; now: number | undefined; onMade: (id: bigint) => void; onDone: () => void }) {
  const staking = useStakingContract();
  const client = usePublicClient();
  const period = useUnbondingPeriod();
  const tx = useTransaction();
  const { writeContractAsync } = useWriteContract();
  const [amountText, setAmountText] = useState("");
  const [problem, setProblem] = useState<string>();
  const id = `undelegate-${host}`;

  async function undelegate(amount: bigint) {
    let hash: Hash | undefined;
    const ok = await tx.run(async () => (hash = await writeContractAsync({ ...staking, functionName: "undelegate", args: [host, amount] })));
    if (!ok || !hash) return;
    // the request's id is only in the event: keep it so the request shows before the indexer has seen it
    const receipt = await client!.getTransactionReceipt({ hash });
    for (const log of parseEventLogs({ abi: hostStakingAbi, eventName: "Undelegated", logs: receipt.logs })) onMade(log.args.id);
    setAmountText("");
    onDone();
  }

  function submit(all: boolean) {
    if (all) {
      setProblem(undefined);
      return void undelegate(maxUint256);
    }
    const parsed = amountText.trim() === "" ? { problem: "Type how much ATH to undelegate, or undelegate all." } : parseAth(amountText);
    const why = "problem" in parsed ? parsed.problem : parsed.wei > stake ? `You have ${formatAth(stake, 2)} ATH delegated to this host: undelegate at most that.` : undefined;
    setProblem(why);
    if (!why && "wei" in parsed) void undelegate(parsed.wei);
  }

  const busy = tx.state.phase === "signing" || tx.state.phase === "pending";
  return (
    <form
      aria-label="Undelegate"
      onSubmit={(e) => {
        e.preventDefault();
        submit(false);
      }}
    >
      <label htmlFor={`${id}-amount`}>ATH to undelegate</label>
      <input id={`${id}-amount`} inputMode="decimal" value={amountText} onChange={(e) => setAmountText(e.target.value)} placeholder="1000" className="medium" />
      <button type="submit" disabled={busy}>
        Undelegate
      </button>
      <button type="button" disabled={busy} onClick={() => submit(true)}>
        Undelegate all
      </button>
      {period.data !== undefined && now !== undefined ? (
        <output aria-label="Unbonding preview">
          Undelegated ATH stops earning at once, stays slashable while it unbonds, and can be withdrawn from <When unix={now + period.data} now={now} />.
        </output>
      ) : null}
      <Problem text={problem} />
      <TxStatus state={tx.state} />
    </form>
  );
}

function UnbondingRow({ host, u, now, onDone }: { host: Address; u: UnbondingView; now: number | undefined; onDone: () => void }) {
  const staking = useStakingContract();
  const tx = useTransaction();
  const { writeContractAsync } = useWriteContract();
  const matured = now !== undefined && now >= u.unlockAt;
  const busy = tx.state.phase === "signing" || tx.state.phase === "pending";
  return (
    <tr data-testid={`unbonding-${u.id}`}>
      <td data-label="Request">#{String(u.id)}</td>
      <td data-label="Worth">
        <Ath wei={u.assets} />
      </td>
      <td data-label="Unlocks">
        <When unix={u.unlockAt} now={now} />
      </td>
      <td data-label="Action">
        <button
          onClick={async () => {
            if (await tx.run(() => writeContractAsync({ ...staking, functionName: "withdraw", args: [host, [u.id]] }))) onDone();
          }}
          disabled={busy}
          title={matured ? "Withdraw the unbonded ATH" : "Still unbonding until the unlock date"}
        >
          Withdraw
        </button>
        <TxStatus state={tx.state} />
      </td>
    </tr>
  );
}
