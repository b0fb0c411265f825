// Validate Teams app manifest and localization files against Microsoft's official JSON schemas,
// offline, with @microsoft/app-manifest (it bundles the schemas v1.0-v1.30).
//
// Usage: node validate.mjs FILE.json [FILE.json ...]
//
// Each file is validated against the schema named by its own "$schema" URL (a manifest or a
// localization file alike) by AppManifestUtils.validateAgainstSchema, which loads the bundled
// copy of that schema (it also strips a locale such as /en-us/ from developer.microsoft.com
// URLs). If a schema is not bundled, the package would download it: fetch is replaced first so
// that this script never reaches the network and reports the file instead.
//
// Prints one JSON object on stdout:
//   {"ok": bool, "validator": "@microsoft/app-manifest@X",
//    "results": [{"file", "schema", "errors": [..], "schemaError": null | "..."}]}
// "errors" are the validator's messages about the file; "schemaError" says the file could not be
// checked at all (schema not bundled, or the bundled schema does not compile: the v1.22
// localization schema has a regex that ajv rejects in unicode mode). The caller decides what to
// do with a schemaError; it is never reported as "valid".
// Exit status: 0 all valid, 1 some file invalid, unreadable or not checkable, 2 usage or internal error.

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import process from "node:process";

// Keep stdout for the JSON result only: anything a library logs goes to stderr.
console.log = (...args) => console.error(...args);

globalThis.fetch = async (url) => {
  throw new Error(`offline validation: the schema ${url} is not bundled with @microsoft/app-manifest`);
};

const require = createRequire(import.meta.url);

function emit(payload, code) {
  process.stdout.write(`${JSON.stringify(payload)}\n`);
  process.exitCode = code;
}

async function validateFile(AppManifestUtils, file) {
  const result = { file, schema: null, errors: [], schemaError: null };
  let data;
  try {
    const text = (await readFile(file, "utf8")).replace(/^\uFEFF/, "");
    data = JSON.parse(text);
  } catch (err) {
    result.errors.push(`cannot read JSON: ${err.message}`);
    return result;
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    result.errors.push("the file is not a JSON object");
    return result;
  }
  result.schema = typeof data.$schema === "string" ? data.$schema : null;
  if (!result.schema) {
    result.errors.push('no "$schema" property: cannot tell which official schema applies');
    return result;
  }
  try {
    // Loads the bundled schema named by data.$schema, compiles it with ajv (draft-04 or
    // 2020-12, allErrors) and returns "<instancePath> <message>. Details: <params>" strings.
    result.errors = await AppManifestUtils.validateAgainstSchema(data);
  } catch (err) {
    result.schemaError = err.message;
  }
  return result;
}

async function main(files) {
  let AppManifestUtils;
  let version = "unknown";
  try {
    ({ AppManifestUtils } = await import("@microsoft/app-manifest"));
    version = require("@microsoft/app-manifest/package.json").version;
  } catch (err) {
    emit({ ok: false, validator: null, error: `cannot load @microsoft/app-manifest: ${err.message}`, results: [] }, 2);
    return;
  }
  const validator = `@microsoft/app-manifest@${version}`;
  if (files.length === 0) {
    emit({ ok: false, validator, error: "usage: node validate.mjs FILE.json [FILE.json ...]", results: [] }, 2);
    return;
  }
  const results = [];
  for (const file of files) {
    results.push(await validateFile(AppManifestUtils, file));
  }
  const ok = results.every((r) => r.errors.length === 0 && r.schemaError === null);
  emit({ ok, validator, results }, ok ? 0 : 1);
}

main(process.argv.slice(2)).catch((err) => {
  emit({ ok: false, validator: null, error: `internal error: ${err && err.stack ? err.stack : err}`, results: [] }, 2);
});
