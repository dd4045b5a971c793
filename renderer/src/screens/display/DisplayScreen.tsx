/** Placeholder until the screen is built. */
export function DisplayScreen() {
  return <main className="centered">DisplayScreen</main>;
}
