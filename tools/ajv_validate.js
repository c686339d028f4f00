#!/usr/bin/env node
// govcheck's JSON Schemas under ajv's 2020-12 validator in strict mode, as a
// JavaScript pipeline would use them (tests/test_editors.py drives it).
//
// Reads one JSON job on standard input:
//   {"schemas": {"name": schema, ...}, "documents": [["name", "label", document], ...]}
// and prints {"compiled": {"name": null or "why not"}, "invalid": [["label", errors], ...]}.
//
// ajv is the one tools/yamlls/package-lock.json pins (yaml-language-server's own).
// Strict mode refuses keywords it does not know: the editor keywords the schemas
// carry for yaml-language-server and VS Code are declared as annotations, and
// the one string format they use ("date", an ISO calendar date) is given here,
// as ajv-formats would give it.
"use strict";

const path = require("path");
const Ajv2020 = require(path.join(__dirname, "yamlls", "node_modules", "ajv", "dist", "2020")).default;

const EDITOR_KEYWORDS = ["errorMessage", "patternErrorMessage", "enumDescriptions"];
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDate(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const last = month === 2 && !leap ? 28 : DAYS[month - 1];
  return month >= 1 && month <= 12 && day >= 1 && day <= last;
}

function main(job) {
  const compiled = {};
  const validators = {};
  for (const [name, schema] of Object.entries(job.schemas)) {
    const ajv = new Ajv2020({strict: true, allErrors: true});
    for (const keyword of EDITOR_KEYWORDS) ajv.addKeyword(keyword);
    ajv.addFormat("date", isDate);
    try {
      validators[name] = ajv.compile(schema);
      compiled[name] = null;
    } catch (error) {
      compiled[name] = String(error.message);
    }
  }
  const invalid = [];
  for (const [name, label, document] of job.documents) {
    const validate = validators[name];
    if (validate && !validate(document)) invalid.push([label, validate.errors.slice(0, 5)]);
  }
  return {compiled, invalid};
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => process.stdout.write(JSON.stringify(main(JSON.parse(input)))));
