// Says, in the test run's closing lines, which optional suites did not run here and the one
// command that enables each, so a green run on a bare machine is never mistaken for a full one.
const { requirements } = require('./requirements.cjs');

class NotRunReporter {
  onRunComplete() {
    const notRun = requirements().filter((r) => !r.available);
    if (!notRun.length) return;
    const lines = ['', 'Not run on this machine (CI runs them):'];
    for (const r of notRun) lines.push(`  - ${r.name}: ${r.missing}`, `      enable: ${r.enable}`);
    process.stderr.write(`${lines.join('\n')}\n`);
  }
}

module.exports = NotRunReporter;
