/** One line of the benchmark table: our number, the raw floor measured in the same run, and the goal. */
export interface BenchRow {
  suite: string;
  metric: string;
  /** What we measured, in `unit`. */
  value: number;
  unit: string;
  /** The raw better-sqlite3 (or other baseline) number for the same work, when there is one. */
  floor?: number;
  /** The goal from the issue; `lowerIsBetter` says which side passes. */
  target?: number;
  lowerIsBetter?: boolean;
  note?: string;
}

export interface BenchOptions {
  /** The generated territory: the planned largest one by default, or the demo times `--scale`. */
  territory: TerritorySize;
  workDir: string;
}

export interface TerritorySize {
  accounts: number;
  touchpoints: number;
}

export interface BenchSuite {
  name: string;
  run(options: BenchOptions): Promise<BenchRow[]>;
}
