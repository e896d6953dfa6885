// The app's frame: a header with the screens and the wallet, then the screen the URL's hash names.
import { useEffect, useState } from "react";
import { ConnectButton } from "./components/ConnectButton";
import { Hosts } from "./screens/hosts/Hosts";
import { Licenses } from "./screens/licenses/Licenses";
import { Overview } from "./screens/overview/Overview";
import { Proposals } from "./screens/proposals/Proposals";
import { Providers } from "./screens/providers/Providers";
import { Staking } from "./screens/staking/Staking";
import { Wallet } from "./screens/wallet/Wallet";

const SCREENS = { overview: { title: "Network", Screen: Overview }, wallet: { title: "My ATH", Screen: Wallet }, staking: { title: "Stake", Screen: Staking }, hosts: { title: "Hosts", Screen: Hosts }, licenses: { title: "Licenses", Screen: Licenses }, providers: { title: "Providers", Screen: Providers }, proposals: { title: "Proposals", Screen: Proposals } } as const;
type ScreenName = keyof typeof SCREENS;

const fromHash = (): ScreenName => {
  // the first segment names the screen (#/proposals/3 is the proposals screen, showing proposal 3)
  const name = location.hash.replace(/^#\/?/, "").split("/")[0];
  return name in SCREENS ? (name as ScreenName) : "overview";
};

export function App() {
  const [screen, setScreen] = useState<ScreenName>(fromHash);
  useEffect(() => {
    const follow = () => setScreen(fromHash());
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);
  const { Screen } = SCREENS[screen];
  return (
    <>
      <header>
        <strong>Aethir</strong>
        <nav aria-label="Screens">
          {Object.entries(SCREENS).map(([name, s]) => (
            <a key={name} href={`#/${name}`} aria-current={name === screen ? "page" : undefined}>
              {s.title}
            </a>
          ))}
        </nav>
        <ConnectButton />
      </header>
      <main>
        <Screen />
      </main>
    </>
  );
}
