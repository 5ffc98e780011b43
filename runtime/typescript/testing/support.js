// Loads the runtime over another test catalogue: a copy of the runtime's
// files beside that catalogue as `catalogue.js`, in a temp dir, as a
// generated package carries its own copy.

import { cpSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const RUNTIME = fileURLToPath(new URL("..", import.meta.url));

/**
 * The package's main entry over `testing/catalogues/<name>.js`.
 * @param {string} name
 */
export async function withCatalogue(name) {
  const dir = mkdtempSync(join(tmpdir(), `errcat-ts-${name}-`));
  for (const file of readdirSync(RUNTIME).filter((file) => /\.(js|json)$/.test(file))) {
    cpSync(join(RUNTIME, file), join(dir, file));
  }
  cpSync(join(RUNTIME, "testing", "catalogues", `${name}.js`), join(dir, "catalogue.js"));
  return import(pathToFileURL(join(dir, "index.js")).href);
}
