// Compute providers (issue 15): the providers' leaderboard, and for the connected account or an address typed in, its
// compute earnings per epoch (Edge and Enterprise/IDC), per container its jobs, points, pool share and why it earned
// nothing (a Fail majority, a halted host, no Pass job), and what was claimed (Edge) or pushed into its host stream.
import { useState } from "react";
import { isAddress } from "viem";
import { useAccount } from "wagmi";
import { formatAddress, formatBytes } from "../../../../scripts/lib/format";
import { Ath, count } from "../../components/Amount";
import { DataTable } from "../../components/DataTable";
import { Problem } from "../../components/Problem";
import { When } from "../../components/When";
import { useChainTime } from "../../hooks/useChainTime";
import { useAccountCompute, useProviders } from "../../hooks/useCompute";
import { poolShare, whyNothing, type AccountCompute, type AccountEpochRow } from "../../lib/computeApi";
import "./providers.css";

export function Providers() {
  const { address } = useAccount();
  const [typed, setTyped] = useState("");
  const trimmed = typed.trim();
  const typedProblem = trimmed !== "" && !isAddress(trimmed) ? `"${trimmed}" is not an address: paste one such as 0x1234…abcd (0x and 40 hex digits).` : undefined;
  const shown = trimmed !== "" && isAddress(trimmed) ? (trimmed as `0x${string}`) : address;
  return (
    <section aria-labelledby="providers-title">
      <h1 id="providers-title">Compute providers</h1>
      <p className="muted">
        Compute providers are paid for capacity the checkers verified: each epoch the Edge pool pays Aethir Edge devices and the Enterprise/IDC pool pays
        data-centre hosts, pro rata to their containers' points (Pass jobs × the GPU class's coefficient). A container with a Fail majority, or of a host
        halted at the epoch's end, earns nothing for that epoch. Edge owners claim their rewards; a host's rewards are pushed into its staking stream and
        shared with its delegators after its commission.
      </p>
      <Leaderboard />
      <form className="lookup" onSubmit={(e) => e.preventDefault()} aria-label="Look up a provider">
        <label htmlFor="provider-address">Provider's address</label>
        <input id="provider-address" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={address ?? "0x…"} className="wide" spellCheck={false} />
      </form>
      <Problem text={typedProblem} />
      {shown ? <ProviderEarnings account={shown} /> : <p>Connect a wallet or type an address to see a provider's earnings and why.</p>}
    </section>
  );
}

function Leaderboard() {
  const providers = useProviders();
  if (providers.error) return <p role="alert">{providers.error.message}</p>;
  if (!providers.data) return <p aria-busy="true">Reading the providers…</p>;
  if (providers.data.length === 0) return <p>No compute root is posted yet: providers appear once the referee settles an epoch.</p>;
  return (
    <DataTable caption="Providers' leaderboard" columns={["#", "Provider", "Edge earned", "Enterprise/IDC earned", "Edge claimed", "Pushed to host stream", "Epochs earning"]} className="providers">
      {providers.data.map((p, i) => (
        <tr key={p.account} data-testid={`provider-${p.account.toLowerCase()}`}>
          <td data-label="#">{i + 1}</td>
          <td data-label="Provider">
            <code title={p.account}>{formatAddress(p.account)}</code>
          </td>
          <td data-label="Edge earned" data-testid="provider-edge">
            <Ath wei={p.cumulativeEdge} />
          </td>
          <td data-label="Enterprise/IDC earned" data-testid="provider-enterprise">
            <Ath wei={p.cumulativeEnterprise} />
          </td>
          <td data-label="Edge claimed">
            <Ath wei={p.claimedEdge} />
          </td>
          <td data-label="Pushed to host stream">
            <Ath wei={p.pushedEnterprise} />
          </td>
          <td data-label="Epochs earning">{count(p.epochsEarning)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function ProviderEarnings({ account }: { account: `0x${string}` }) {
  const compute = useAccountCompute(account);
  const now = useChainTime();
  if (compute.error) return <p role="alert">{compute.error.message}</p>;
  if (!compute.data) return <p aria-busy="true">Reading {formatAddress(account)}'s compute earnings…</p>;
  const { provider, epochs, containers } = compute.data;
  return (
    <article className="card provider" aria-label={`Provider ${account}`} data-testid="provider-earnings">
      <h2>
        Provider <code title={account}>{formatAddress(account)}</code>
      </h2>
      {!provider && containers.length === 0 ? <p>This account has no compute container in any settled epoch.</p> : null}
      {provider ? <Totals provider={provider} /> : null}
      {epochs.length > 0 ? (
        <DataTable caption="Earnings per epoch" columns={["Epoch", "Root posted", "Root", "Edge", "Enterprise/IDC", "Edge so far", "Enterprise/IDC so far"]} className="compute-epochs">
          {epochs.map((e) => (
            <tr key={e.epoch} data-testid={`compute-epoch-${e.epoch}`}>
              <td data-label="Epoch">{e.epoch}</td>
              <td data-label="Root posted">{e.postedAt ? <When unix={Number(e.postedAt)} now={now} /> : "—"}</td>
              <td data-label="Root">{rootStatus(e, now)}</td>
              <td data-label="Edge" data-testid="epoch-edge">
                <Ath wei={e.earnedEdge} />
              </td>
              <td data-label="Enterprise/IDC" data-testid="epoch-enterprise">
                <Ath wei={e.earnedEnterprise} />
              </td>
              <td data-label="Edge so far">
                <Ath wei={e.cumulativeEdge} />
              </td>
              <td data-label="Enterprise/IDC so far">
                <Ath wei={e.cumulativeEnterprise} />
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {containers.length > 0 ? (
        <DataTable caption="Containers per epoch" columns={["Epoch", "Container", "Pool", "Jobs (pass / fail / void of assigned)", "Points", "Pool share", "Earned", "Why nothing"]} className="compute-containers">
          {containers.map((c) => {
            const why = whyNothing(c);
            return (
              <tr key={`${c.epoch}-${c.container}`} data-testid={`container-${c.epoch}-${c.container.toLowerCase()}`} className={why ? "zeroed" : undefined}>
                <td data-label="Epoch">{c.epoch}</td>
                <td data-label="Container">
                  <code title={c.container}>{formatBytes(c.container)}</code>
                </td>
                <td data-label="Pool">{c.pool === "edge" ? "Edge" : "Enterprise/IDC"} (class {c.classId}, ×{(c.coefficient / 10_000).toLocaleString("en-US")})</td>
                <td data-label="Jobs">
                  {count(c.pass)} / {count(c.fail)} / {count(c.void)} of {count(c.assigned)}
                </td>
                <td data-label="Points" data-testid="container-points">{BigInt(c.points).toLocaleString("en-US")}</td>
                <td data-label="Pool share" data-testid="container-share">{poolShare(c.points, c.poolPoints)}</td>
                <td data-label="Earned" data-testid="container-earned">
                  <Ath wei={c.earned} />
                </td>
                <td data-label="Why nothing" data-testid="container-why">{why ?? "—"}</td>
              </tr>
            );
          })}
        </DataTable>
      ) : null}
    </article>
  );
}

function Totals({ provider }: { provider: NonNullable<AccountCompute["provider"]> }) {
  const unclaimedEdge = BigInt(provider.cumulativeEdge) - BigInt(provider.claimedEdge);
  const unpushed = BigInt(provider.cumulativeEnterprise) - BigInt(provider.pushedEnterprise);
  return (
    <dl>
      <div className="row">
        <dt>Edge earned</dt>
        <dd data-testid="total-edge">
          <Ath wei={provider.cumulativeEdge} />, claimed <Ath wei={provider.claimedEdge} />
          {unclaimedEdge > 0n ? (
            <>
              , <Ath wei={unclaimedEdge} /> to claim (claim-edge in the CLI)
            </>
          ) : null}
        </dd>
      </div>
      <div className="row">
        <dt>Enterprise/IDC earned</dt>
        <dd data-testid="total-enterprise">
          <Ath wei={provider.cumulativeEnterprise} />, pushed to the host stream <Ath wei={provider.pushedEnterprise} />
          {unpushed > 0n ? (
            <>
              , <Ath wei={unpushed} /> not pushed yet (anyone may push it: push-host-rewards in the CLI)
            </>
          ) : null}
        </dd>
      </div>
      <div className="row">
        <dt>Epochs earning</dt>
        <dd>{count(provider.epochsEarning)}</dd>
      </div>
    </dl>
  );
}

/** Where the epoch's root stands: a posted root is final once the chain's time reaches the end of its challenge window. */
function rootStatus(e: AccountEpochRow, now: number | undefined): string {
  if (e.status === "synced") return "Final, synced";
  if (e.status === "vetoed") return "Vetoed";
  if (e.status !== "posted") return "—";
  if (now !== undefined && e.finalAt !== null && now >= Number(e.finalAt)) return "Final";
  return "In its challenge window";
}
