// The owner's licenses as the chain holds them (operator and its expiry, ban, transfer lock), a checkbox each, and the
// delegation form for the selected ones: one transaction for any number, with an expiry; revoke likewise.
import { useState } from "react";
import { isAddress, zeroAddress, type Address } from "viem";
import { useWriteContract } from "wagmi";
import { TxStatus } from "../../components/TxStatus";
import { When } from "../../components/When";
import { checkerLicenseAbi } from "../../config/licenseAbis";
import { contractOf } from "../../config/deployment";
import { useDeployment } from "../../hooks/useDeployment";
import type { LicenseState } from "../../hooks/useLicenses";
import { useTransaction } from "../../hooks/useTransaction";
import { DataTable } from "../../components/DataTable";
import { Problem } from "../../components/Problem";

const DAY = 86_400;
/** CheckerLicense.MAX_BATCH: more ids than this take several transactions. */
const MAX_BATCH = 500;

export function LicenseTable({ licenses, transferableAfter, allowlisted, now, onDone }: { licenses: LicenseState[]; transferableAfter: number; allowlisted: boolean; now: number | undefined; onDone: () => void }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const locked = now !== undefined && now < transferableAfter && !allowlisted;
  const chosen = licenses.filter((l) => selected.has(String(l.id)));
  return (
    <>
      <p>
        {locked ? (
          <>
            Transfers are locked until <When unix={transferableAfter} now={now} />: licenses can be delegated, not sold or moved, before then.
          </>
        ) : (
          "Your licenses can be transferred."
        )}
      </p>
      <DataTable caption="Your licenses" columns={["Select", "License", "Operator", "Delegated until", "Ban", "Transfer"]}>
          {licenses.map((l) => {
            const banned = now !== undefined && l.bannedUntil >= now;
            return (
              <tr key={String(l.id)} data-testid={`license-${l.id}`}>
                <td>
                  <input type="checkbox" aria-label={`Select license ${l.id}`} checked={selected.has(String(l.id))} onChange={() => toggle(String(l.id))} />
                </td>
                <td data-label="License">#{String(l.id)}</td>
                <td data-label="Operator">{l.operator ? <code title={l.operator}>{l.operator}</code> : <span className="muted">none (you run it)</span>}</td>
                <td data-label="Delegated until">{l.operator ? <When unix={l.operatorExpires} now={now} /> : "-"}</td>
                <td data-label="Ban">
                  {banned ? (
                    <span className="error">
                      Banned until <When unix={l.bannedUntil} now={now} />
                    </span>
                  ) : (
                    "Not banned"
                  )}
                </td>
                <td data-label="Transfer">
                  {banned ? (
                    "Blocked by the ban"
                  ) : locked ? (
                    <>
                      Locked until <When unix={transferableAfter} now={now} />
                    </>
                  ) : (
                    "Transferable"
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      <DelegateForm chosen={chosen} now={now} onDone={onDone} />
    </>
  );
}

function DelegateForm({ chosen, now, onDone }: { chosen: LicenseState[]; now: number | undefined; onDone: () => void }) {
  const d = useDeployment();
  const [operatorText, setOperatorText] = useState("");
  const [daysText, setDaysText] = useState("365");
  const [problem, setProblem] = useState<string>();
  const tx = useTransaction();
  const { writeContractAsync } = useWriteContract();
  const license = { address: contractOf(d, "CheckerLicense").address, abi: checkerLicenseAbi } as const;
  const days = /^\d+$/.test(daysText.trim()) ? Number(daysText) : undefined;
  const ids = chosen.map((l) => l.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const n = ids.length;
  const which = n === 1 ? `license ${ids[0]}` : `${n} licenses`;

  function selectionProblem(): string | undefined {
    if (n === 0) return "Select at least one license in the table first.";
    if (n > MAX_BATCH) return `One transaction takes at most ${MAX_BATCH} licenses; select fewer.`;
    const banned = chosen.find((l) => now !== undefined && l.bannedUntil >= now);
    if (banned) return `License ${banned.id} is banned until ${new Date(banned.bannedUntil * 1000).toISOString().slice(0, 10)}: it can't be delegated before then; unselect it.`;
    return undefined;
  }

  async function send(operator: Address, expires: bigint) {
    const ok = await tx.run(() =>
      n === 1 ? writeContractAsync({ ...license, functionName: "setUser", args: [ids[0], operator, expires] }) : writeContractAsync({ ...license, functionName: "setUserBatch", args: [ids, operator, expires] }),
    );
    if (ok) onDone();
  }

  function delegate() {
    const why =
      selectionProblem() ??
      (!isAddress(operatorText.trim()) ? `"${operatorText}" is not an address: paste the operator's 0x… address (40 hex digits).` : undefined) ??
      (operatorText.trim().toLowerCase() === zeroAddress ? "The zero address can't operate a license: to remove the operator, use Revoke." : undefined) ??
      (days === undefined || days < 1 || days > 3_650 ? `"${daysText}" is not a delegation length: type a whole number of days from 1 to 3650.` : undefined) ??
      (now === undefined ? "The chain's clock is not known yet: wait a second and try again." : undefined);
    setProblem(why);
    if (why) return;
    void send(operatorText.trim() as Address, BigInt(now! + days! * DAY));
  }

  function revoke() {
    const why = selectionProblem() ?? (chosen.every((l) => !l.operator) ? `No operator to revoke: ${n === 1 ? "this license has" : "these licenses have"} none.` : undefined);
    setProblem(why);
    if (why) return;
    void send(zeroAddress, 0n);
  }

  const busy = tx.state.phase === "signing" || tx.state.phase === "pending";
  return (
    <form
      aria-label="Delegate licenses"
      onSubmit={(e) => {
        e.preventDefault();
        delegate();
      }}
    >
      <label htmlFor="delegate-operator">Operator address</label>
      <input id="delegate-operator" value={operatorText} onChange={(e) => setOperatorText(e.target.value)} placeholder="0x…" spellCheck={false} />
      <label htmlFor="delegate-days">For (days)</label>
      <input id="delegate-days" inputMode="numeric" className="short" value={daysText} onChange={(e) => setDaysText(e.target.value)} />
      <output aria-label="Delegation preview">
        {n === 0 ? "No license selected" : `${which[0].toUpperCase()}${which.slice(1)} selected`}
        {days !== undefined && days >= 1 && now !== undefined ? (
          <>
            , until <When unix={now + days * DAY} now={now} />
          </>
        ) : null}
      </output>
      <button type="submit" disabled={busy}>
        Delegate
      </button>
      <button type="button" onClick={revoke} disabled={busy}>
        Revoke
      </button>
      <Problem text={problem} />
      <TxStatus state={tx.state} />
    </form>
  );
}
