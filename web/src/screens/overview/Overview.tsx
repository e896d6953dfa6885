// The network at a glance, no wallet needed: supply, licenses, rewards, staking and slashes, each with its daily chart.
import { useMemo } from "react";
import { Ath, count } from "../../components/Amount";
import { Chart, type Series } from "../../components/Chart";
import { useDaily, useOverview } from "../../hooks/useIndexer";
import type { Daily } from "../../lib/api";

const ath = (wei: string) => Number(BigInt(wei) / 10n ** 14n) / 10_000;

export function Overview() {
  const overview = useOverview();
  const daily = useDaily();
  if (overview.error) return <p role="alert">{overview.error.message}</p>;
  if (!overview.data) return <p aria-busy="true">Loading the network from the indexer…</p>;
  const o = overview.data;
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Network overview</h1>
      <div className="cards">
        <Card title="Supply">
          <Row name="Total">{o.supply ? <Ath wei={o.supply.totalSupply} /> : "-"}</Row>
          <Row name="Circulating">{o.supply ? <Ath wei={o.supply.circulating} /> : "-"}</Row>
          <Row name="Locked in buckets">{o.supply ? <Ath wei={o.supply.locked} /> : "-"}</Row>
          <Row name="Treasury">{o.supply ? <Ath wei={o.supply.treasury} /> : "-"}</Row>
        </Card>
        <Card title="Checker licenses">
          <Row name="Sold">{count(o.licenses.sold)}</Row>
          <Row name="Delegated to an operator">{count(o.licenses.delegated)}</Row>
          <Row name={o.licenses.activeEpoch === null ? "Active" : `Active in epoch ${o.licenses.activeEpoch}`}>{count(o.licenses.active)}</Row>
          <Row name="Banned">{count(o.licenses.banned)}</Row>
        </Card>
        <Card title="Checker rewards">
          <Row name="Emitted">
            <Ath wei={(BigInt(o.rewards.emittedBase) + BigInt(o.rewards.emittedBonus)).toString()} />
          </Row>
          <Row name="Claimed">
            <Ath wei={o.rewards.claimed} />
          </Row>
          <Row name="Vesting">
            <Ath wei={o.rewards.vesting} />
          </Row>
          <Row name="Withdrawn">
            <Ath wei={o.rewards.withdrawn} />
          </Row>
        </Card>
        <Card title="Staking">
          {o.staking.holders.pools.map((p) => (
            <Row key={p.poolId} name={`${p.name} pool`}>
              <Ath wei={p.staked} />
            </Row>
          ))}
          <Row name={`Host stake (${count(o.staking.hosts.count)} hosts, ${count(o.staking.hosts.halted)} halted)`}>
            <Ath wei={o.staking.hosts.activeStake} />
          </Row>
          <Row name={`Slashed (${count(o.slashes.executed)} executed, ${count(o.slashes.vetoed)} vetoed)`}>
            <Ath wei={o.slashes.executedTotal} />
          </Row>
        </Card>
      </div>
      {daily.error ? <p role="alert">{daily.error.message}</p> : daily.data ? <DailyCharts daily={daily.data} /> : <p aria-busy="true">Loading the daily series…</p>}
    </section>
  );
}

function DailyCharts({ daily }: { daily: Daily }) {
  const charts = useMemo(() => chartsOf(daily), [daily]);
  return (
    <div className="charts">
      {charts.map((c) => (
        <Chart key={c.title} {...c} />
      ))}
    </div>
  );
}

/** The daily series as charts: every series on the union of its days (a day without a row is a gap, not a zero). */
function chartsOf(d: Daily): { title: string; days: number[]; series: Series[]; unit: string }[] {
  const supplyDays = d.supply.map((r) => r.day);
  const poolIds = [...new Set(d.stakingPools.map((r) => r.poolId))];
  const poolDays = [...new Set(d.stakingPools.map((r) => r.day))].sort((a, b) => a - b);
  const palette = ["#6c5ce7", "#00b894", "#e17055", "#0984e3"];
  return [
    {
      title: "Supply (ATH)",
      unit: "ATH",
      days: supplyDays,
      series: [
        { label: "Circulating", color: palette[0], values: d.supply.map((r) => ath(r.circulating)) },
        { label: "Locked", color: palette[1], values: d.supply.map((r) => ath(r.locked)) },
      ],
    },
    {
      title: "Licenses",
      unit: "licenses",
      days: d.licenses.map((r) => r.day),
      series: [
        { label: "Sold", color: palette[0], values: d.licenses.map((r) => r.totalMinted) },
        { label: "With an operator", color: palette[1], values: d.licenses.map((r) => r.withOperator) },
      ],
    },
    {
      title: "Checker rewards per day (ATH)",
      unit: "ATH",
      days: d.rewards.map((r) => r.day),
      series: [
        { label: "Emitted", color: palette[0], values: d.rewards.map((r) => ath(r.emittedBase) + ath(r.emittedBonus)) },
        { label: "Claimed", color: palette[2], values: d.rewards.map((r) => ath(r.claimed)) },
      ],
    },
    {
      title: "Staked per pool (ATH)",
      unit: "ATH",
      days: poolDays,
      series: poolIds.map((id, i) => ({
        label: `Pool ${id}`,
        color: palette[i % palette.length],
        values: poolDays.map((day) => {
          const row = d.stakingPools.find((r) => r.poolId === id && r.day === day);
          return row ? ath(row.staked) : null;
        }),
      })),
    },
    {
      title: "Host stake (ATH)",
      unit: "ATH",
      days: d.hostStaking.map((r) => r.day),
      series: [
        { label: "Active", color: palette[0], values: d.hostStaking.map((r) => ath(r.hostStake)) },
        { label: "Unbonding", color: palette[2], values: d.hostStaking.map((r) => ath(r.unbondingStake)) },
      ],
    },
  ];
}

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <article className="card" aria-label={title}>
      <h2>{title}</h2>
      <dl>{children}</dl>
    </article>
  );
}

function Row({ name, children }: { name: string; children: React.ReactNode }) {
  return (
    <div className="row">
      <dt>{name}</dt>
      <dd>{children}</dd>
    </div>
  );
}
