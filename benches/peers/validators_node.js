// node's jsonwebtoken over the validators grid: prints `jsonwebtoken-js LEEWAY OFFSET
// accepted|rejected` per case (OFFSET = exp - now in seconds; a fraction: exp has one).
// Each case reads the clock before and after and is tried again when the second changed.
const jwt = require("jsonwebtoken");
const SECRET = "tokenclock differential test, 32+ bytes";
const LEEWAYS = [0, 1, 5, 60];
const FRACTIONS = [-1.6, -1.4, -0.6, -0.4, 0.4, 0.6];
const seconds = () => Math.floor(Date.now() / 1000);

function offsets(leeway) {
  const grid = new Set([-leeway - 2, -leeway - 1, -leeway, -leeway + 1, -2, -1, 0, 1, 2, 300]);
  return [...grid].sort((a, b) => a - b);
}

function judged(claimsOf, leeway) {
  for (;;) {
    const before = seconds();
    const token = jwt.sign(claimsOf(before), SECRET, { algorithm: "HS256", noTimestamp: true });
    let verdict = "accepted";
    try {
      jwt.verify(token, SECRET, { algorithms: ["HS256"], clockTolerance: leeway });
    } catch (e) {
      verdict = `rejected (${e.message})`;
    }
    if (seconds() === before) return verdict;
  }
}

console.log(`# jsonwebtoken ${require("jsonwebtoken/package.json").version}`);
for (const leeway of LEEWAYS) {
  for (const offset of offsets(leeway)) {
    console.log(`jsonwebtoken-js ${leeway} ${offset} ${judged((now) => ({ exp: now + offset }), leeway)}`);
  }
}
for (const offset of FRACTIONS) {
  console.log(`jsonwebtoken-js 0 ${offset.toFixed(1)} ${judged((now) => ({ exp: now + offset }), 0)}`);
}
console.log(`jsonwebtoken-js 0 iat+100 ${judged((now) => ({ exp: now + 600, iat: now + 100 }), 0)}`);
console.log(`jsonwebtoken-js 0 nbf+100 ${judged((now) => ({ exp: now + 600, nbf: now + 100 }), 0)}`);
console.log(`jsonwebtoken-js 0 no-exp ${judged((now) => ({ iat: now }), 0)}`);
