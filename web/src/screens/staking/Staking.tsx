// Holder staking (SPEC §7): the pools with what is staked in each, a stake form per pool, and the holder's positions.
import { useAccount } from "wagmi";
import { Ath, formatToken } from "../../components/Amount";
import { useStakingPools } from "../../hooks/useStaking";
import { useToken } from "../../hooks/useToken";
import { Positions } from "./Positions";
import { StakeForm } from "./StakeForm";

export function Staking() {
  const { address } = useAccount();
  const { pools, error } = useStakingPools();
  const token = useToken(address);
  if (error) return <p role="alert">{error.message}</p>;
  return (
    <section aria-labelledby="staking-title">
      <h1 id="staking-title">Stake ATH</h1>
      <p className="muted">
        Lock ATH for 1 to 208 weeks: the longer the lock, the more weight (1x for a week, 4x for four years), and rewards stream weekly by weight. You
        receive stATH, burned when you withdraw after the unlock.
      </p>
      {!address ? <p>Connect a wallet to stake; the pools below are read-only.</p> : null}
      {address && token.balance !== undefined ? (
        <p>
          In your wallet: <Ath wei={token.balance} />
        </p>
      ) : null}
      <div className="cards">
        {pools.map((p) => (
          <article className="card" key={p.id} aria-label={`${p.name} pool`}>
            <h2>{p.name} pool</h2>
            <p>
              Staked: <Ath wei={p.staked} />
            </p>
            {p.rewards.length === 0 ? null : (
              <ul className="rewards" aria-label={`${p.name} pool rewards`}>
                {p.rewards.map((r) => (
                  <li key={r.token}>
                    {formatToken(r.thisWeek)} {r.symbol} this week, {formatToken(r.lastWeek)} {r.symbol} last week
                  </li>
                ))}
              </ul>
            )}
            {address ? <StakeForm poolId={p.id} poolName={p.name} balance={token.balance} onStaked={() => void token.refetch()} /> : null}
          </article>
        ))}
      </div>
      {address ? <Positions account={address} poolNames={new Map(pools.map((p) => [p.id, p.name]))} /> : null}
    </section>
  );
}
