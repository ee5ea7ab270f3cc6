import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { appDirectory } from './app-server';

/** Debian's Chromium, started the way this closed-network machine needs (no background connections, no GPU). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const screenshotDirectory = join(appDirectory, 'test-results');

/** Keeps a screenshot as a test artefact (examples/nextjs-chat/test-results/, gitignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDirectory, { recursive: true });
  await page.screenshot({ path: join(screenshotDirectory, `${name}.png`), fullPage: true });
}

const wait = { timeout: 30_000, interval: 200 };

/** Waits until the locator matches `count` elements. */
async function expectCount(locator: Locator, count: number): Promise<void> {
  await expect.poll(() => locator.count(), wait).toBe(count);
}

/** Waits until the locator's text matches (or, with `absent`, stops matching) `pattern`. */
async function expectText(locator: Locator, pattern: RegExp | string, absent = false): Promise<void> {
  const matches = async () => {
    const text = (await locator.textContent({ timeout: 1_000 }).catch(() => '')) ?? '';
    return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
  };
  await expect.poll(matches, wait).toBe(!absent);
}

export function memoryItems(page: Page): Locator {
  return page.getByRole('region', { name: 'Memories' }).getByRole('listitem');
}

/** Types a message, sends it, and returns the assistant's answer once the Send button is enabled again. */
async function send(page: Page, text: string): Promise<Locator> {
  const entries = page.getByRole('list', { name: 'Conversation' }).getByRole('listitem');
  const before = await entries.count();
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await expectCount(entries, before + 2);
  await expect.poll(() => page.getByRole('button', { name: 'Send' }).isEnabled(), wait).toBe(true);
  const answer = entries.nth(before + 1);
  await expectText(answer, 'Assistant:');
  return answer;
}

/** Sends a message and waits for the memory panel to show one memory matching `expected`. */
async function say(page: Page, text: string, expected: RegExp): Promise<void> {
  await send(page, text);
  await expectCount(memoryItems(page).filter({ hasText: expected }), 1);
}

export async function switchUser(page: Page, name: 'Alice' | 'Bob'): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.getByLabel('User').selectOption({ label: name })]);
  await expect.poll(() => page.getByLabel('User').inputValue(), wait).toBe(name.toLowerCase());
}

/** The page's own API, called with the page's cookies (what a curious user could do from the console). */
export async function callApi(page: Page, path: string, method = 'GET'): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ({ path, method }) => {
      const response = await fetch(path, { method });
      const text = await response.text();
      return { status: response.status, body: text === '' ? null : JSON.parse(text) };
    },
    { path, method },
  );
}

/**
 * The template's promise, driven as a person would: a fact, then a change of it; after a reload the panel shows the
 * new fact and its history the old text; the other user sees nothing of it and cannot reach it through the API; a
 * delete removes the memory from the panel and from search.
 */
export async function runChatScenario(page: Page, baseUrl: string, apiBase: string, label: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByRole('region', { name: 'Memories' }).waitFor();
  expect(await page.getByLabel('User').inputValue()).toBe('alice');

  await say(page, 'I live in Paris.', /Paris/);
  await say(page, 'I moved to Berlin.', /Berlin/);
  await expectCount(memoryItems(page).filter({ hasText: /Paris/ }), 0);
  await screenshot(page, `${label}-1-alice-after-move`);

  await page.reload();
  const berlin = memoryItems(page).filter({ hasText: /Berlin/ });
  await expectCount(berlin, 1);
  await berlin.getByRole('button', { name: 'History' }).click();
  await expectText(berlin, /Paris/);
  await screenshot(page, `${label}-2-alice-history`);

  const aliceMemories = (await callApi(page, `${apiBase}/memories`)).body as { memories: Array<{ id: string }> };
  const aliceIds = aliceMemories.memories.map((memory) => memory.id);
  expect(aliceIds.length).toBeGreaterThan(0);

  await switchUser(page, 'Bob');
  await expectText(page.getByRole('region', { name: 'Memories' }), 'No memories yet.');
  await say(page, 'I love sushi.', /sushi/);
  await expectCount(memoryItems(page).filter({ hasText: /Berlin|Paris/ }), 0);
  // Bob's session cannot read, list or delete Alice's memories, whatever the request claims.
  expect((await callApi(page, `${apiBase}/memories?userId=alice`)).status).toBe(403);
  expect((await callApi(page, `${apiBase}/memories/${aliceIds[0]}/history`)).status).toBe(404);
  expect((await callApi(page, `${apiBase}/memories/${aliceIds[0]}`, 'DELETE')).status).toBe(404);
  const bobSearch = (await callApi(page, `${apiBase}/memories?q=Berlin`)).body as {
    memories: Array<{ memory: string }>;
  };
  expect(bobSearch.memories.map((memory) => memory.memory).join(' ')).not.toMatch(/Berlin/);
  await screenshot(page, `${label}-3-bob`);

  await switchUser(page, 'Alice');
  const kept = memoryItems(page).filter({ hasText: /Berlin/ });
  await expectCount(kept, 1);
  const before = (await callApi(page, `${apiBase}/memories?q=Berlin`)).body as { memories: Array<{ memory: string }> };
  expect(before.memories.map((memory) => memory.memory).join(' ')).toMatch(/Berlin/);
  // Before the delete the assistant recalls it (the scripted model repeats what memory recalled)...
  await expectText(await send(page, 'Do I still live in Berlin?'), /From memory I recall: .*Berlin/);
  await kept.getByRole('button', { name: 'Delete' }).click();
  await expectCount(memoryItems(page).filter({ hasText: /Berlin/ }), 0);
  const after = (await callApi(page, `${apiBase}/memories?q=Berlin`)).body as { memories: Array<{ memory: string }> };
  expect(after.memories.map((memory) => memory.memory).join(' ')).not.toMatch(/Berlin/);
  // ...and after it, it does not.
  await expectText(await send(page, 'Do I still live in Berlin?'), /Berlin/, true);
  await screenshot(page, `${label}-4-alice-after-delete`);
}
