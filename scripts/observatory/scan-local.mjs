// The MDN HTTP Observatory's own tests and scoring against a local server (its CLI cannot be
// given ports): node scan-local.mjs HOST HTTP_PORT HTTPS_PORT
import { retrieve } from "@mdn/mdn-http-observatory/src/retriever/retriever.js";
import { ALL_TESTS } from "@mdn/mdn-http-observatory/src/constants.js";
import { MINIMUM_SCORE_FOR_EXTRA_CREDIT } from "@mdn/mdn-http-observatory/src/grader/charts.js";
import { getGradeForScore, getScoreModifier } from "@mdn/mdn-http-observatory/src/grader/grader.js";
const [host, httpPort, httpsPort, path] = process.argv.slice(2);
const r = await retrieve(host, { httpPort, httpsPort, path });
if (!r.responses.auto) throw new Error("down");
let extra = 100, uncurved = 100, passed = 0;
const lines = [];
for (const test of ALL_TESTS) {
  const result = test(r);
  const modifier = result.result ? getScoreModifier(result.result) : 0;
  passed += result.pass ? 1 : 0;
  extra += modifier; if (modifier < 0) uncurved += modifier;
  lines.push(`${result.pass ? "pass" : "FAIL"}  ${result.constructor.name.padEnd(28)} ${String(modifier).padStart(4)}  ${result.result}`);
}
const final = getGradeForScore(uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? extra : uncurved);
console.log(`status ${r.responses.auto.status}; grade ${final.grade}, score ${final.score}, ${passed}/${ALL_TESTS.length} tests passed`);
console.log(lines.join("\n"));
