// Helpers shared by the handlers of several contracts.
import type { Context } from "ponder:registry";
import { hostStakingDay, roleAdmin, roleMember, stakingSetting } from "ponder:schema";

export const ZERO = "0x0000000000000000000000000000000000000000";

export const lower = (a: string) => a.toLowerCase() as `0x${string}`;

/** Unix day number and ISO date of a block timestamp. */
export function dayOf(timestamp: bigint): { day: number; date: string } {
  const day = Number(timestamp / 86_400n);
  return { day, date: new Date(day * 86_400_000).toISOString().slice(0, 10) };
}

/** A stable id for an event: transaction hash and log index. */
export const eventId = (event: { transaction: { hash: string }; log: { logIndex: number } }) =>
  `${event.transaction.hash}-${event.log.logIndex}`;

type RoleEvent = { log: { address: `0x${string}` }; block: { timestamp: bigint } };

/** AccessControl's RoleGranted / RoleRevoked, for every contract that has roles. */
export async function setRole(
  context: Context,
  event: RoleEvent & { args: { role: `0x${string}`; account: `0x${string}` } },
  active: boolean,
) {
  await context.db
    .insert(roleMember)
    .values({ contract: lower(event.log.address), role: event.args.role, account: lower(event.args.account), active, updatedAt: event.block.timestamp })
    .onConflictDoUpdate({ active, updatedAt: event.block.timestamp });
}

/** AccessControl's RoleAdminChanged. */
export async function setRoleAdmin(
  context: Context,
  event: RoleEvent & { args: { role: `0x${string}`; newAdminRole: `0x${string}` } },
) {
  await context.db
    .insert(roleAdmin)
    .values({ contract: lower(event.log.address), role: event.args.role, adminRole: event.args.newAdminRole })
    .onConflictDoUpdate({ adminRole: event.args.newAdminRole });
}

/** A fresh account row; `bucket` names the genesis bucket at that address, if any. */
export const newAccount = (address: `0x${string}`, bucket: string | null = null) => ({
  address,
  balance: 0n,
  votes: 0n,
  delegate: null,
  bucket,
  transferCount: 0,
  licenseCount: 0,
  spenders: [] as `0x${string}`[],
  holder: false,
});

// ---------------------------------------------------------------- staking (SPEC §7)

/** The staking settings and totals row (id "staking"), created with zeros on first use. */
export async function stakingSettingsRow(context: Context) {
  return (
    (await context.db.find(stakingSetting, { id: "staking" })) ??
    (await context.db.insert(stakingSetting).values({
      id: "staking",
      stathSupply: 0n,
      poolsPaused: false,
      k: 0n,
      unbondingPeriod: 0n,
      vetoWindow: 0n,
      burn: false,
      minFailedJobs: 0,
      hostActiveStake: 0n,
      hostUnbondingStake: 0n,
      slashedTotal: 0n,
    }))
  );
}

/** Adds to the UTC day's host-staking series (creating the day with the current totals). */
export async function addHostStakingDaily(
  context: Context,
  timestamp: bigint,
  add: Partial<Record<"delegated" | "undelegated" | "slashed" | "rewardsFunded", bigint>>,
) {
  const { day, date } = dayOf(timestamp);
  const s = await stakingSettingsRow(context);
  const d = (k: keyof typeof add) => add[k] ?? 0n;
  await context.db
    .insert(hostStakingDay)
    .values({ day, date, hostStake: s.hostActiveStake, unbondingStake: s.hostUnbondingStake, delegated: d("delegated"), undelegated: d("undelegated"), slashed: d("slashed"), rewardsFunded: d("rewardsFunded") })
    .onConflictDoUpdate((r) => ({
      hostStake: s.hostActiveStake,
      unbondingStake: s.hostUnbondingStake,
      delegated: r.delegated + d("delegated"),
      undelegated: r.undelegated + d("undelegated"),
      slashed: r.slashed + d("slashed"),
      rewardsFunded: r.rewardsFunded + d("rewardsFunded"),
    }));
}
