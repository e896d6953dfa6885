// Cloud-host container registry (SPEC §7, §8): GPU classes and containers (geofenced HPC classes).
import { ponder, type Context } from "ponder:registry";
import { container, gpuType } from "ponder:schema";
import { HostStakingAbi } from "../abis/HostStaking";
import { manifest } from "./manifest";
import { lower, setRole, setRoleAdmin } from "./shared";

const hostStakingAddress = manifest.contracts.HostStaking!.address as `0x${string}`;

/** K x `coefficient` at the event's block (HostStaking.stakeFor). */
const stakeFor = (context: Context, coefficient: number, blockNumber: bigint) =>
  context.client.readContract({ abi: HostStakingAbi, address: hostStakingAddress, functionName: "stakeFor", args: [BigInt(coefficient)], blockNumber });

ponder.on("HostRegistry:GpuClassSet", async ({ event, context }) => {
  const a = event.args;
  const row = { coefficient: Number(a.coefficient), hpc: a.hpc, active: a.active };
  await context.db.insert(gpuType).values({ classId: Number(a.classId), ...row }).onConflictDoUpdate(row);
});

ponder.on("HostRegistry:ContainerRegistered", async ({ event, context }) => {
  const a = event.args;
  const coefficient = Number(a.coefficient);
  const row = {
    host: lower(a.host),
    classId: Number(a.classId),
    region: a.region,
    coefficient,
    requiredStake: await stakeFor(context, coefficient, event.block.number),
    status: "active",
    updatedAt: event.block.timestamp,
  };
  // a deregistered container can be registered again (by its host): it keeps its first registration time
  await context.db.insert(container).values({ id: a.container, ...row, registeredAt: event.block.timestamp }).onConflictDoUpdate(row);
});

ponder.on("HostRegistry:ContainerEvicted", async ({ event, context }) => {
  await context.db.update(container, { id: event.args.container }).set({ status: "evicted", updatedAt: event.block.timestamp });
});

ponder.on("HostRegistry:ContainerDeregistered", async ({ event, context }) => {
  // an eviction emits ContainerEvicted, then ContainerDeregistered: keep "evicted"
  await context.db
    .update(container, { id: event.args.container })
    .set((r) => ({ status: r.status === "evicted" ? "evicted" : "deregistered", updatedAt: event.block.timestamp }));
});

ponder.on("HostRegistry:ContainerSynced", async ({ event, context }) => {
  const coefficient = Number(event.args.coefficient);
  await context.db.update(container, { id: event.args.container }).set({
    coefficient,
    requiredStake: await stakeFor(context, coefficient, event.block.number),
    updatedAt: event.block.timestamp,
  });
});

ponder.on("HostRegistry:RoleGranted", async ({ event, context }) => setRole(context, event, true));
ponder.on("HostRegistry:RoleRevoked", async ({ event, context }) => setRole(context, event, false));
ponder.on("HostRegistry:RoleAdminChanged", async ({ event, context }) => setRoleAdmin(context, event));
