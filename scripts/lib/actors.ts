// Which local account (`--account N`, accounts 0..19 of the Hardhat node) plays which role in npm start's simulation
// (config/deploy-params.json's "signer:N" roles and scripts/lib/simulate-*.ts). npm start prints it on its card and
// `npm run cli -- accounts` beside each account's balances.

/** [account number or range, role], in account order. */
export const ACTORS: [string, string][] = [
  ["0", "deployer (the timelock's proposer and executor)"],
  ["1", "guardian (pauses, vetoes slashes and roots, voids referral codes)"],
  ["2-6", "genesis beneficiaries: team, investors, advisors, ecosystem, airdrop"],
  ["7", "KYC signer"],
  ["8", "ban admin and slasher"],
  ["9", "referee and HostStaking keeper"],
  ["10-11", "whitelist buyers and license owners (10 has unclaimed checker rewards)"],
  ["12", "public buyer and the fleet host of the checker work"],
  ["13", "WETH buyer"],
  ["14", "referrer (code AETHIR)"],
  ["15", "restricted (US) resident, refused"],
  ["16", "license operator"],
  ["17", "custody wallet"],
  ["18", "KYC'd (NL) account with ETH and nothing bought, for the README's buy"],
  ["19", "Edge device owner (compute rewards; its last epoch's Edge rewards unclaimed)"],
];

/** The role of local account `index` ("" past the list). */
export function roleOf(index: number): string {
  for (const [range, role] of ACTORS) {
    const [a, b = a] = range.split("-").map(Number);
    if (index >= a && index <= b) return role;
  }
  return "";
}
