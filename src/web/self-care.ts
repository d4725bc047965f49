/**
 * The guide's Self-Care section, word for word (test/web/self-care.test.ts checks it against
 * scenarios/guide/csec-in-service-guide.txt), shown by "Take a break" on every screen.
 */
export const SELF_CARE = {
  heading: 'Self-Care',
  text: 'Advocating for youth facing CSEC challenges is difficult work. CASAs are strongly encouraged to take care of oneself and discuss challenges with your Advocate Supervisor. CASAs can access the following for additional supports; EAP program, share & support.',
  resources: ['Your Advocate Supervisor', 'EAP program', 'Share & support'],
} as const;
