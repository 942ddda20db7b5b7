/** What the browser flows share: the running real server, the browser and an API getter. */
import type { Browser } from 'playwright-core';

export interface WebTestEnv {
  url: string;
  browser: Browser;
  /** Id of the predefined region Parkstad Limburg. */
  parkstadId: string;
  api<T>(path: string): Promise<T>;
}
