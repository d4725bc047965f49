/**
 * The guide's Self-Care section, word for word (test/web/break.test.tsx checks it against
 * scenarios/guide/csec-in-service-guide.txt): shown by the web's "Take a break" on every screen, on
 * the phones of a live room on its break, and in the room's terminal when it goes on a break.
 */
export const SELF_CARE = {
  heading: 'Self-Care',
  text: 'Advocating for youth facing CSEC challenges is difficult work. CASAs are strongly encouraged to take care of oneself and discuss challenges with your Advocate Supervisor. CASAs can access the following for additional supports; EAP program, share & support.',
  resources: ['Your Advocate Supervisor', 'EAP program', 'Share & support'],
} as const;
