export default function Certificate(_props: { id?: string; paused?: boolean }) {
  return <h1>Certificate</h1>;
}
