/**
 * The minutes of a playthrough without a recorded time, in a table of records: a dash for the eye,
 * words for a screen reader, which says nothing for a dash alone (at its usual punctuation level)
 * and leaves the cell seeming empty.
 */
export function NoMinutes() {
  return <><span aria-hidden="true">–</span><span className="sr-only">not recorded</span></>;
}
