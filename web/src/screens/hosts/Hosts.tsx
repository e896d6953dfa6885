// Cloud hosts (SPEC §7) for delegators: each host's stake against what its containers require, commission, delegators,
// halted state and slash history; with a wallet, delegating (with a warning to confirm for a halted or recently
// slashed host), and the account's own stake, rewards and unbonding requests with the host.
import { useAccount } from "wagmi";
import { formatAddress, formatBps } from "../../../../scripts/lib/format";
import { Ath, count } from "../../components/Amount";
import { When } from "../../components/When";
import { useChainTime } from "../../hooks/useChainTime";
import { useHosts, type HostView } from "../../hooks/useHosts";
import { useToken } from "../../hooks/useToken";
import { DelegateForm } from "./DelegateForm";
import { MyStake } from "./MyStake";
import "./hosts.css";
import { DataTable } from "../../components/DataTable";

export function Hosts() {
  const { address } = useAccount();
  const hosts = useHosts();
  const token = useToken(address);
  const now = useChainTime();
  const refresh = () => {
    void hosts.refetch();
    void token.refetch();
  };
  return (
    <section aria-labelledby="hosts-title">
      <h1 id="hosts-title">Cloud hosts</h1>
      <p className="muted">
        Delegate ATH to a cloud host to share its rewards after its commission, and its slashing risk, in proportion to your stake. A host below its
        required stake is halted and earns nothing until topped up. Undelegated ATH unbonds for 180 days and stays slashable until you withdraw it.
      </p>
      {!address ? <p>Connect a wallet to delegate; the hosts below are read-only.</p> : null}
      {address && token.balance !== undefined ? (
        <p>
          In your wallet: <Ath wei={token.balance} />
        </p>
      ) : null}
      {hosts.error ? <p role="alert">{hosts.error.message}</p> : null}
      {!hosts.data && !hosts.error ? <p aria-busy="true">Reading the hosts…</p> : null}
      {hosts.data?.length === 0 ? <p>No host has registered yet.</p> : null}
      <div className="hosts">
        {hosts.data?.map((h) => (
          <HostCard key={h.address} host={h} now={now} account={address} balance={token.balance} onChange={refresh} />
        ))}
      </div>
    </section>
  );
}

function HostCard({ host, now, account, balance, onChange }: { host: HostView; now: number | undefined; account: `0x${string}` | undefined; balance: bigint | undefined; onChange: () => void }) {
  // a <meter> wants numbers: whole ATH are precise enough for a bar
  const whole = (wei: bigint) => Number(wei / 10n ** 18n);
  // a scheduled commission applies from its date, though the contract stores it only at the host's next update
  const changeDue = host.pendingCommission !== undefined && now !== undefined && now >= host.pendingCommission.effectiveAt;
  const commissionNow = changeDue ? host.pendingCommission!.bps : host.commission;
  return (
    <article className="card host" aria-label={`Host ${host.address}`} data-testid={`host-${host.address.toLowerCase()}`}>
      <h2>
        Host <code title={host.address}>{formatAddress(host.address)}</code>{" "}
        {host.haltedNow ? (
          <span className="badge halted">Halted</span>
        ) : (
          <span className="badge active">Active</span>
        )}
        {host.pendingSlashes > 0 ? <span className="badge halted">Slash pending</span> : null}
      </h2>
      <dl>
        <div className="row">
          <dt>Stake</dt>
          <dd data-testid="host-stake">
            <Ath wei={host.activeStake} /> of <Ath wei={host.required} /> required
          </dd>
        </div>
        <meter min={0} max={Math.max(1, whole(host.required))} low={Math.max(1, whole(host.required)) - 0.5} optimum={whole(host.required) + 1} value={whole(host.activeStake)} aria-label="Stake against required stake" />
        <div className="row">
          <dt>Commission</dt>
          <dd data-testid="host-commission">
            {formatBps(commissionNow)}
            {host.pendingCommission && !changeDue ? (
              <>
                {" "}
                → {formatBps(host.pendingCommission.bps)} from <When unix={host.pendingCommission.effectiveAt} now={now} />
              </>
            ) : null}
          </dd>
        </div>
        <div className="row">
          <dt>Delegators</dt>
          <dd>{count(host.delegatorCount)}</dd>
        </div>
        <div className="row">
          <dt>Containers</dt>
          <dd>{count(host.containerCount)}</dd>
        </div>
        <div className="row">
          <dt>Unbonding</dt>
          <dd>
            <Ath wei={host.unbondingStake} />
          </dd>
        </div>
      </dl>
      <SlashHistory host={host} now={now} />
      {account ? (
        <>
          <DelegateForm host={host} balance={balance} onDone={onChange} />
          <MyStake host={host.address} account={account} onChange={onChange} />
        </>
      ) : null}
    </article>
  );
}

function SlashHistory({ host, now }: { host: HostView; now: number | undefined }) {
  if (host.slashes.length === 0) return <p className="muted">Never slashed.</p>;
  return (
    <DataTable caption="Slash history" columns={["Slash", "Date", "Reason", "Outcome", "Amount"]} className="slashes">
      {host.slashes.map((s) => (
        <tr key={s.id} data-testid={`slash-${s.id}`}>
          <td data-label="Slash">#{s.id}</td>
          <td data-label="Date">
            <When unix={Number(s.resolvedAt ?? s.proposedAt)} now={now} />
          </td>
          <td data-label="Reason">{KINDS[s.kind] ?? s.kind}</td>
          <td data-label="Outcome">{s.status === "executed" ? "Executed" : s.status === "vetoed" ? "Vetoed" : "Pending (veto window)"}</td>
          <td data-label="Amount">
            {s.status === "executed" ? (
              <>
                <Ath wei={s.taken ?? "0"} /> taken
              </>
            ) : (
              <>
                <Ath wei={s.penalty} /> proposed
              </>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

const KINDS: Record<string, string> = {
  DowntimeRendering: "Downtime (rendering)",
  DowntimeReserve: "Downtime (reserve)",
  Malicious: "Malicious behaviour",
  Underperformance: "Underperformance",
};

