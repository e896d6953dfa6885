// The browser tests' harness: Debian's Chromium driven by playwright-core (Playwright's own download is impossible
// here), headless, every request that leaves loopback aborted and recorded (a hidden outbound call fails the test),
// and an injected EIP-1193 wallet backed by a local private key: it signs transactions, permits and typed data itself,
// as MetaMask would, and forwards reads to the node.
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { JsonRpcProvider, Transaction, Wallet, type TypedDataField } from "ethers";

const CHROMIUM = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].find((p) => existsSync(p));

export async function launchBrowser(): Promise<Browser> {
  if (!CHROMIUM) throw new Error("Debian's chromium is not installed: apt-get install chromium (.ci/run does it)");
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
}

const isLoopback = (url: string) => /^(https?|wss?):\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(url) || url.startsWith("data:") || url.startsWith("blob:");

/** A page whose requests off loopback are aborted; `outbound` lists them. A desktop window unless `viewport` says. */
export async function loopbackPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; outbound: string[]; consoleErrors: string[] }> {
  const context = await browser.newContext({ viewport });
  const outbound: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.continue();
    outbound.push(url);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on("pageerror", (e) => consoleErrors.push(e.message));
  return { page, outbound, consoleErrors };
}

export interface TestWallet {
  address: string;
  /** Every method the page asked the wallet for, in order. */
  calls: string[];
  /** The chain the wallet is on now (hex), as it answers eth_chainId. */
  chainId(): string;
  /** Makes the next request of `method` fail as a user's refusal (EIP-1193 code 4001). */
  rejectNext(method: string): void;
}

/** Injects window.ethereum into `page`, backed by `key` and the node at `rpcUrl`. Call before page.goto. */
export async function injectWallet(page: Page, key: string, rpcUrl: string, opts: { chainId?: number } = {}): Promise<TestWallet> {
  const provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1 });
  const wallet = new Wallet(key, provider);
  const calls: string[] = [];
  const rejections = new Set<string>();
  let chainId: string = opts.chainId === undefined ? await provider.send("eth_chainId", []) : `0x${opts.chainId.toString(16)}`;

  async function handle(method: string, params: unknown[]): Promise<unknown> {
    if (rejections.delete(method)) throw { code: 4001, message: "User rejected the request." };
    switch (method) {
      case "eth_requestAccounts":
      case "eth_accounts":
        return [wallet.address.toLowerCase()];
      case "eth_chainId":
        return chainId;
      case "wallet_switchEthereumChain":
        chainId = (params[0] as { chainId: string }).chainId;
        return null;
      case "eth_sendTransaction": {
        const tx = params[0] as Record<string, string | undefined>;
        const populated = await wallet.populateTransaction({ to: tx.to, data: tx.data, value: tx.value ?? 0n, gasLimit: tx.gas });
        const signed = await wallet.signTransaction(populated);
        return provider.send("eth_sendRawTransaction", [Transaction.from(signed).serialized]);
      }
      case "eth_signTypedData_v4": {
        const typed = JSON.parse(params[1] as string) as { domain: Record<string, unknown>; types: Record<string, TypedDataField[]>; message: Record<string, unknown> };
        const { EIP712Domain: _, ...types } = typed.types;
        return wallet.signTypedData(typed.domain, types, typed.message);
      }
      case "personal_sign":
        return wallet.signMessage(Buffer.from((params[0] as string).slice(2), "hex"));
      default:
        return provider.send(method, params);
    }
  }

  await page.exposeFunction("__testWallet", async (method: string, params: unknown[]) => {
    calls.push(method);
    try {
      return { result: await handle(method, params ?? []) };
    } catch (e) {
      const err = e as { code?: number; message?: string; data?: unknown; error?: { code?: number; message?: string; data?: unknown } };
      // a node's refusal (a revert in estimateGas, say) arrives as MetaMask passes it on: -32603 with the revert data
      const inner = err.error ?? (err as { info?: { error?: { code?: number; message?: string; data?: unknown } } }).info?.error;
      return { error: { code: err.code === 4001 ? 4001 : (inner?.code ?? -32603), message: inner?.message ?? err.message ?? String(e), data: inner?.data ?? err.data } };
    }
  });
  await page.addInitScript(() => {
    const listeners: Record<string, ((x: unknown) => void)[]> = {};
    const ethereum = {
      isMetaMask: true,
      async request({ method, params }: { method: string; params?: unknown[] }) {
        const answer = await (globalThis as unknown as { __testWallet: (m: string, p: unknown[]) => Promise<{ result?: unknown; error?: { code: number; message: string; data?: unknown } }> }).__testWallet(method, params ?? []);
        if (answer.error) throw Object.assign(new Error(answer.error.message), answer.error);
        if (method === "wallet_switchEthereumChain") for (const f of listeners.chainChanged ?? []) f((params![0] as { chainId: string }).chainId);
        return answer.result;
      },
      on(event: string, f: (x: unknown) => void) {
        (listeners[event] ??= []).push(f);
      },
      removeListener(event: string, f: (x: unknown) => void) {
        listeners[event] = (listeners[event] ?? []).filter((g) => g !== f);
      },
    };
    Object.defineProperty(globalThis, "ethereum", { value: ethereum });
  });
  return { address: wallet.address, calls, chainId: () => chainId, rejectNext: (method) => rejections.add(method) };
}
