// The check as JUnit XML, which GitLab, Jenkins and others show in their test views: one test
// case per path and rule (a broken error rule a <failure>, a broken warning rule passing with its
// words in <system-out>), and a path that could not be read one case with an <error>.
import type { CheckReport } from '../../check/rules.js';
import { findingText } from './format.js';

/** XML text: the five entities escaped, and the characters XML 1.0 cannot hold dropped. */
function xml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function renderCheckJunit(report: CheckReport): string {
  const cases: string[] = [];
  let failures = 0;
  let errors = 0;
  for (const v of report.paths) {
    if (v.error) {
      errors++;
      cases.push(`    <testcase classname="${xml(v.path)}" name="figures">\n      <error type="${xml(v.error.code)}" message="${xml(v.error.message)}"/>\n    </testcase>`);
      continue;
    }
    for (const f of v.findings) {
      const head = `    <testcase classname="${xml(v.path)}" name="${xml(f.rule)}">`;
      if (f.holds) cases.push(`${head}</testcase>`);
      else if (f.severity === 'error') {
        failures++;
        cases.push(`${head}\n      <failure type="${xml(f.rule)}" message="${xml(findingText(f))}"/>\n    </testcase>`);
      } else {
        cases.push(`${head}\n      <system-out>${xml(`warning: ${findingText(f)}`)}</system-out>\n    </testcase>`);
      }
    }
  }
  const counts = `tests="${cases.length}" failures="${failures}" errors="${errors}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kstat check" ${counts}>`,
    `  <testsuite name="kstat check" ${counts} skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
