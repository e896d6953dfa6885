// A license owner's screen (SPEC §5, §6, §8): KYC state, the licenses with their operators, bans and the transfer
// lock (delegate and revoke), earnings per epoch and why a license earned less, claims with both vesting options, and
// the vesting entries.
import { useAccount } from "wagmi";
import { useChainTime } from "../../hooks/useChainTime";
import { useAccountPage, useKyc, useLicenseEpochs, useLicenseStates, useTge } from "../../hooks/useLicenses";
import { useRewardClaims } from "../../hooks/useRewardClaims";
import { ClaimPanel } from "./ClaimPanel";
import { Earnings } from "./Earnings";
import { KycNotice } from "./KycNotice";
import { LicenseTable } from "./LicenseTable";
import { VestingEntries } from "./VestingEntries";
import "./licenses.css";

export function Licenses() {
  const { address } = useAccount();
  const now = useChainTime();
  const page = useAccountPage(address);
  const states = useLicenseStates(address, page.data?.licenses.map((l) => l.id) ?? []);
  const kyc = useKyc(address);
  const epochs = useLicenseEpochs(address);
  const tge = useTge();
  const claims = useRewardClaims(address);
  const error = page.error ?? states.error ?? kyc.error ?? epochs.error ?? claims.error;
  const refresh = () => {
    void page.refetch();
    void states.refetch();
    void claims.refetch();
  };
  return (
    <section aria-labelledby="licenses-title" className="licenses">
      <h1 id="licenses-title">Licenses &amp; rewards</h1>
      <p className="muted">
        Your checker licenses and their operators, what they earned each epoch (a day), and your claims: a claim takes everything earned since the last one,
        minus a 5 ATH fee, into a vesting entry.
      </p>
      {!address ? <p>Connect a wallet to see your licenses and rewards.</p> : null}
      {error ? <p role="alert">{error.message}</p> : null}
      {address && kyc.data ? <KycNotice kyc={kyc.data} now={now} /> : null}
      <p className="muted">Claims and withdrawals need a valid KYC attestation; residents of restricted countries can't claim checker rewards.</p>
      {address ? (
        <>
          <h2>Licenses</h2>
          {!states.data ? (
            <p aria-busy="true">Reading your licenses…</p>
          ) : states.data.licenses.length === 0 ? (
            <p>This wallet holds no license.</p>
          ) : (
            <LicenseTable licenses={states.data.licenses} transferableAfter={states.data.transferableAfter} allowlisted={states.data.allowlisted} now={now} onDone={refresh} />
          )}
          <h2>Earnings</h2>
          {page.data && epochs.data ? <Earnings page={page.data} perLicense={epochs.data.perLicense} epochs={epochs.data.epochs} tge={tge.data} /> : <p aria-busy="true">Reading your earnings…</p>}
          <h2>Claim</h2>
          {claims.data ? <ClaimPanel account={address} claims={claims.data} kyc={kyc.data} now={now} onDone={refresh} /> : <p aria-busy="true">Reading your claims…</p>}
          <h2>Vesting</h2>
          {claims.data ? <VestingEntries entries={claims.data.entries} claims={page.data?.claims ?? []} kyc={kyc.data} now={now} onDone={refresh} /> : null}
        </>
      ) : null}
    </section>
  );
}
