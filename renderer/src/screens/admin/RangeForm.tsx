import type { StatsRange } from '../../../../shared/stats.js';
import { rangeProblem } from './statsRange.js';

type Problem = NonNullable<ReturnType<typeof rangeProblem>>;

export interface RangeFormProps {
  /** Prefix of the inputs' ids, unique on the page. */
  readonly idPrefix: string;
  readonly today: string;
  readonly from: string;
  readonly to: string;
  onFrom(day: string): void;
  onTo(day: string): void;
  /** The problem shown under the form (a bad range), or null. */
  readonly problem: string | null;
  onProblem(problem: string): void;
  readonly loading: boolean;
  /** A range that passed `rangeProblem`. */
  onLoad(range: StatsRange): void;
  readonly labels: { readonly from: string; readonly to: string; readonly show: string };
  problemText(problem: Problem): string;
}

/**
 * A period's first and last day and "Show", as the admin's statistics and the region's figures
 * ask for them: a range that is no range (a day that does not exist, backwards, too long) is said
 * under the form, tied to both inputs, and nothing is asked of the server.
 */
export function RangeForm(props: RangeFormProps) {
  const { idPrefix, problem } = props;
  const errorId = `${idPrefix}-range-error`;
  const invalid = {
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? errorId : undefined,
  } as const;
  return (
    <>
      <form
        className="adm-add-row"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const range = { from: props.from, to: props.to };
          const bad = rangeProblem(range);
          if (bad) props.onProblem(props.problemText(bad));
          else props.onLoad(range);
        }}
      >
        <div className="field adm-field">
          <label htmlFor={`${idPrefix}-from`}>{props.labels.from}</label>
          <input
            id={`${idPrefix}-from`}
            type="date"
            value={props.from}
            max={props.today}
            {...invalid}
            onChange={(e) => props.onFrom(e.target.value)}
          />
        </div>
        <div className="field adm-field">
          <label htmlFor={`${idPrefix}-to`}>{props.labels.to}</label>
          <input
            id={`${idPrefix}-to`}
            type="date"
            value={props.to}
            max={props.today}
            {...invalid}
            onChange={(e) => props.onTo(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-primary" aria-disabled={props.loading || undefined}>
          {props.labels.show}
        </button>
      </form>
      {problem && (
        <p id={errorId} className="adm-field-error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {problem}
        </p>
      )}
    </>
  );
}
