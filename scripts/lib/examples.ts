// The example queries `npm start` prints with their live answers (and the README shows), in one place so the
// end-to-end test can prove each of them answers with data after the simulation.

export interface GraphqlExample {
  title: string;
  query: string;
}

/** GraphQL examples an analyst would run; `lastEpoch` is the simulation's last settled epoch. */
export function graphqlExamples(lastEpoch: number): GraphqlExample[] {
  return [
    { title: "Genesis buckets and what left them", query: `{ buckets(orderBy: "allocated", orderDirection: "desc") { items { name kind allocated released } } }` },
    { title: "Top holders", query: `{ accounts(orderBy: "balance", orderDirection: "desc", limit: 8) { items { address bucket balance votes delegate } } }` },
    {
      title: "License sale: first tiers and referral codes",
      query: `{ saleTiers(orderBy: "tier", limit: 3) { items { tier price capPerBuyer sold raised } } referralCodes { items { code owner purchases licensesSold rewardsEth rewardsWeth earned rewardCapped voided } } }`,
    },
    {
      title: "Licenses delegated to operators",
      query: `{ licenses(where: { operator_not: null }, orderBy: "id", limit: 10) { items { id owner operator operatorExpires bannedUntil tier price } } }`,
    },
    {
      title: "Checker work: the referee's epochs, proven jobs and roots",
      query: `{ epochSettlements(orderBy: "epoch") { items { epoch emission basePaid jobs voidJobs activeLicenses uptimeBps } } jobs(limit: 3) { items { id epoch job container verdict passCount failCount silentCount } } epochRoots { items { epoch cumulativeTotal status } } }`,
    },
    {
      title: "Earnings per license in the last epoch (liar 7, silent 9 offline, flaky 10 back from an epoch offline, banned 2 and 5)",
      query: `{ settledLicenseEpochs(where: { epoch: "${lastEpoch}", licenseId_lte: "10" }, orderBy: "licenseId") { items { licenseId owner correct minority missed earned withheld } } }`,
    },
    {
      title: "An owner's page in one query (relations): license 1's owner, its licenses, earnings and claimable rewards",
      query: `{ license(id: "1") { ownedBy { address balance holder licenses(orderBy: "id") { items { id operator } } earnings(orderBy: "epoch") { items { epoch earned cumulative } } rewards { cumulativeEarned cumulativeClaimed claimable } } } }`,
    },
    { title: "Claims into vesting", query: `{ vestingClaims { items { account entryId option amount vesting returnedToPool status } } }` },
    {
      title: "Holder staking: pools and positions",
      query: `{ stakingPools { items { poolId name staked totalWeight openPositions } } stakingPositions(limit: 5) { items { account poolId amount lockWeeks unlockWeek } } }`,
    },
    {
      title: "Cloud hosts: stake, containers and slashes",
      query: `{ hosts { items { address commissionBps requiredStake stake unbondingStake delegatorCount halted } } containers { items { id classId region requiredStake status } } slashProposals { items { id kind status penalty taken fromRewards fromActive fromUnbonding } } }`,
    },
    { title: "Supply split per day", query: `{ supplyDays(orderBy: "day") { items { date locked treasury circulating transfers } } }` },
  ];
}

/** Analyst endpoints (JSON); `chainNow` is the chain's latest block time, for `/overview?at=`. */
export function restExamples(chainNow: number): string[] {
  return [`/overview?at=${chainNow}`, "/leaderboard/licenses?limit=5", "/leaderboard/hosts?limit=5", "/roots"];
}

/** SQL over HTTP (read-only; local-stack's `sqlOverHttp` sends them as @ponder/client does). */
export const SQL_EXAMPLES: { title: string; sql: string }[] = [
  {
    title: "Licenses and settled earnings per owner (top 5)",
    // Ponder's SQL over HTTP refuses subqueries in expressions (SubLink); CTEs and joins are fine
    sql: "with held as (select owner, count(*) as licenses from license group by owner), earned as (select owner, sum(earned) as earned from settled_license_epoch group by owner) select h.owner, h.licenses::int as licenses, coalesce(e.earned, 0)::text as earned from held h left join earned e on e.owner = h.owner order by h.licenses desc, h.owner limit 5",
  },
];

/** Every list (`items`) in a GraphQL answer, with its path, to check that none is empty. */
export function listsIn(value: unknown, path = ""): { path: string; length: number }[] {
  if (value === null || typeof value !== "object") return [];
  const out: { path: string; length: number }[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (k === "items" && Array.isArray(v)) out.push({ path, length: v.length });
    else out.push(...listsIn(v, path === "" ? k : `${path}.${k}`));
  }
  return out;
}
