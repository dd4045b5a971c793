/** Placeholder until the screen is built. */
export function ReceptionScreen() {
  return <main className="centered">ReceptionScreen</main>;
}
