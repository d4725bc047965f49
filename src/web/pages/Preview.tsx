export default function Preview(_props: { id?: string; paused?: boolean }) {
  return <h1>Preview</h1>;
}
