/** Placeholder until the screen is built. */
export function AdminScreen() {
  return <main className="centered">AdminScreen</main>;
}
