// The wallet's KYC state as the ComplianceRegistry holds it, and the restricted-country notice: claims and withdrawals
// need a valid attestation from an unrestricted country.
import { When } from "../../components/When";
import type { KycState } from "../../hooks/useLicenses";

export function KycNotice({ kyc, now }: { kyc: KycState; now: number | undefined }) {
  if (kyc.restricted)
    return (
      <p role="note" className="error" data-testid="kyc">
        Your KYC attestation names {kyc.country || "a country"}, where checker rewards are restricted: you can't claim or withdraw rewards from this wallet.
      </p>
    );
  if (kyc.allowed)
    return (
      <p data-testid="kyc">
        KYC: verified ({kyc.country}), valid until <When unix={kyc.expiry} now={now} />.
      </p>
    );
  const why = kyc.revoked ? "was revoked" : kyc.expiry === 0 ? "is missing" : "has expired";
  return (
    <p role="note" className="error" data-testid="kyc">
      Your KYC attestation {why}: claims and withdrawals need a valid one from an unrestricted country. Get one from the KYC provider, then come back.
    </p>
  );
}
