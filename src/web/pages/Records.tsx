export default function Records(_props: { id?: string; paused?: boolean }) {
  return <h1>Records</h1>;
}
