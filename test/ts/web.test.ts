// The web app in a real browser (Debian's Chromium through playwright-core) against the stack npm start runs (a
// smaller checker fleet), with an injected wallet backed by a local key. Every request off loopback is blocked and
// fails the test. Each journey lives in test/ts/web/<screen>.journey.ts; screenshots go to docs/screens/.
import { defineHostsJourneys } from "./web/hosts.journey.js";
import { defineKeyboardJourneys } from "./web/keyboard.journey.js";
import { defineLicensesJourneys } from "./web/licenses.journey.js";
import { defineMaturedJourneys } from "./web/matured.journey.js";
import { defineOverviewJourneys } from "./web/overview.journey.js";
import { definePhoneJourneys } from "./web/phone.journey.js";
import { defineProposalsJourneys } from "./web/proposals.journey.js";
import { defineProvidersJourneys } from "./web/providers.journey.js";
import { defineStakingJourneys } from "./web/staking.journey.js";
import { defineWalletJourneys } from "./web/wallet.journey.js";
import { startWebStack, type WebStack } from "./web/stack.js";

describe("Web app in a browser", function () {
  this.timeout(900_000);
  let stack: WebStack | undefined;
  const s = () => stack!;
  before(async () => {
    stack = await startWebStack();
  });
  after(async () => {
    await stack?.stop();
  });

  describe("network overview", () => defineOverviewJourneys(s));
  describe("token holder", () => defineWalletJourneys(s));
  describe("holder staking", () => defineStakingJourneys(s));
  describe("delegator to cloud hosts", () => defineHostsJourneys(s));
  describe("license owner", () => defineLicensesJourneys(s));
  describe("compute provider", () => defineProvidersJourneys(s));
  describe("keyboard only", () => defineKeyboardJourneys(s));
  describe("on a phone", () => definePhoneJourneys(s));
  describe("holder governance", () => defineProposalsJourneys(s));
  // last: these move the chain's clock on by days, weeks and 180 days
  describe("once time has passed", () => defineMaturedJourneys(s));
});
