// Genesis reward pools (Edge, Enterprise/IDC, checker base, checker bonus).
import { ponder } from "ponder:registry";
import { bucket, bucketFlow } from "ponder:schema";
import { bucketNameByAddress, tokenAddress } from "./manifest";
import { eventId, lower, setRole, setRoleAdmin } from "./shared";

const KINDS = ["Linear", "EqualSteps", "Decaying"] as const;

ponder.on("RewardPool:RewardScheduleCreated", async ({ event, context }) => {
  const address = lower(event.log.address);
  const a = event.args;
  await context.db.insert(bucket).values({
    address,
    name: bucketNameByAddress.get(address) ?? address,
    category: "pool",
    kind: KINDS[a.kind] ?? String(a.kind),
    allocated: 0n, // set by the token's GenesisAllocation, emitted when the token is deployed right after the pools
    released: 0n,
    drawn: 0n,
    returned: 0n,
    etherReleased: 0n,
    start: a.start,
    end: a.end,
    period: a.period,
    periods: a.periods,
    upfrontBps: 0,
    firstBps: a.firstBps,
    decayNum: a.decayNum,
    decayDen: a.decayDen,
    beneficiary: null,
    paused: false,
  });
});

ponder.on("RewardPool:Drawn", async ({ event, context }) => {
  const address = lower(event.log.address);
  await context.db.update(bucket, { address }).set((r) => ({ drawn: r.drawn + event.args.amount, released: r.released + event.args.amount }));
  await context.db.insert(bucketFlow).values({
    id: eventId(event),
    bucket: address,
    kind: "draw",
    token: tokenAddress,
    caller: lower(event.args.distributor),
    recipient: lower(event.args.to),
    amount: event.args.amount,
    timestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
  });
});

ponder.on("RewardPool:Returned", async ({ event, context }) => {
  const address = lower(event.log.address);
  await context.db.update(bucket, { address }).set((r) => ({ returned: r.returned + event.args.amount, released: r.released - event.args.amount }));
  await context.db.insert(bucketFlow).values({
    id: eventId(event),
    bucket: address,
    kind: "return",
    token: tokenAddress,
    caller: lower(event.args.from),
    recipient: null,
    amount: event.args.amount,
    timestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
  });
});

ponder.on("RewardPool:Paused", async ({ event, context }) => {
  await context.db.update(bucket, { address: lower(event.log.address) }).set({ paused: true });
});

ponder.on("RewardPool:Unpaused", async ({ event, context }) => {
  await context.db.update(bucket, { address: lower(event.log.address) }).set({ paused: false });
});

ponder.on("RewardPool:RoleGranted", async ({ event, context }) => setRole(context, event, true));
ponder.on("RewardPool:RoleRevoked", async ({ event, context }) => setRole(context, event, false));
ponder.on("RewardPool:RoleAdminChanged", async ({ event, context }) => setRoleAdmin(context, event));
