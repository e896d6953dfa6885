// The operator's burner key, kept only in the standard encrypted JSON keystore (scrypt + AES, what geth and ethers
// write). The password comes from AETHIR_KEYSTORE_PASSWORD or a prompt with echo off; it is never printed or logged.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { createInterface } from "node:readline";
import { Wallet } from "ethers";

export class UserError extends Error {}

/** The password: AETHIR_KEYSTORE_PASSWORD, else asked on the terminal (input not echoed). */
export async function keystorePassword(confirm = false): Promise<string> {
  const env = process.env.AETHIR_KEYSTORE_PASSWORD;
  if (env !== undefined && env !== "") return env;
  if (!process.stdin.isTTY) throw new UserError("No keystore password: set AETHIR_KEYSTORE_PASSWORD or run in a terminal to be asked for it.");
  const first = await ask("Keystore password: ");
  if (first.length < 8) throw new UserError("The keystore password is too short: use at least 8 characters.");
  if (confirm && (await ask("Repeat the password: ")) !== first) throw new UserError("The two passwords differ: run init again.");
  return first;
}

function ask(question: string): Promise<string> {
  return new Promise((ok) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    // readline echoes what is typed through _writeToOutput: silence it after the question is shown
    const out = rl as unknown as { _writeToOutput: (s: string) => void };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write("\n");
      ok(answer);
    });
    out._writeToOutput = () => {};
  });
}

/** Writes a new keystore at `path` for a fresh random key, or for `importKey` (hex). Refuses to overwrite. */
export async function createKeystore(path: string, password: string, importKey?: string): Promise<string> {
  if (existsSync(path)) throw new UserError(`${path} already exists: choose another --keystore path or remove it yourself.`);
  let wallet: Wallet;
  try {
    wallet = importKey ? new Wallet(importKey.startsWith("0x") ? importKey : `0x${importKey}`) : Wallet.createRandom() as unknown as Wallet;
  } catch {
    throw new UserError("The key to import is not a 32-byte hex private key.");
  }
  const json = await wallet.encrypt(password);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, json, { mode: 0o600 });
  return wallet.address;
}

/** Decrypts the keystore at `path`. */
export async function loadKeystore(path: string, password: string): Promise<Wallet> {
  if (!existsSync(path)) throw new UserError(`No keystore at ${path}: create one with \`npm run checker -- init --keystore ${path}\`.`);
  const json = readFileSync(path, "utf8");
  try {
    const w = await Wallet.fromEncryptedJson(json, password);
    return w as Wallet;
  } catch (e) {
    if (/incorrect password|invalid password/i.test((e as Error).message)) throw new UserError(`Wrong password for the keystore ${path}: try again, or check AETHIR_KEYSTORE_PASSWORD.`);
    throw new UserError(`${path} is not a JSON keystore: ${(e as Error).message.split("\n")[0]}.`);
  }
}

/** The address a keystore holds, read without the password (the standard keystore stores it in the clear). */
export function keystoreAddress(path: string): string | undefined {
  try {
    const a = (JSON.parse(readFileSync(path, "utf8")) as { address?: string }).address;
    return a ? `0x${a.replace(/^0x/, "")}`.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
