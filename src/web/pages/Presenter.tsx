export default function Presenter(_props: { id?: string; paused?: boolean }) {
  return <h1>Presenter</h1>;
}
