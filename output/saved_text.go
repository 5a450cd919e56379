package output

import (
	"caspian/validation"
	"fmt"
	"io"
)

// WriteRunSaved tells the user where the files of r went (dir, files)
// and how the focal state fared: the last thing sim run prints.
func WriteRunSaved(w io.Writer, r *Report, dir string, files []string) {
	fmt.Fprintf(w, "Ran %s (%s, seed %d) and saved %d files in %s:\n", r.Name, Plural(r.Runs, "run"), r.Seed, len(files), dir)
	WriteFileList(w, files, RunFileNotes())
	WriteFocal(w, r)
}

// WriteComparisonSaved tells the user where the files of c went (dir,
// files) and what the comparison found, with a warning when too few runs
// make the intervals rough: what sim compare prints.
func WriteComparisonSaved(w io.Writer, c *Comparison, dir string, files []string) {
	fmt.Fprintf(w, "Compared %d scenarios (%s each, seed %d) and saved %d files in %s:\n",
		len(c.Scenarios), Plural(c.Runs, "run"), c.Seed, len(files), dir)
	WriteFileList(w, files, ComparisonFileNotes())
	WriteComparisonText(w, c)
	if c.Runs < 20 {
		fmt.Fprintf(w, "\nWith only %d runs of each scenario the intervals are rough; use --runs 100 or more for conclusions.\n", c.Runs)
	}
}

// WriteValidationSaved tells the user where the files of a validation
// went (dir, files) and what it found: the table of patterns, the score
// and, when rob is not nil, how far the verdicts move with the choice
// temperature. It is what sim validate prints.
func WriteValidationSaved(w io.Writer, rep *validation.Report, rob *validation.Robustness, run ValidationRun, dir string, files []string) {
	fmt.Fprintf(w, "Validated %s against its record (%s, seed %d; history forced until %s) and saved %d files in %s:\n",
		run.Scenario, Plural(run.Runs, "run"), run.Seed, rep.HistoryUntil, len(files), dir)
	WriteFileList(w, files, ValidationFileNotes())
	fmt.Fprintln(w)
	WriteValidationText(w, rep)
	if rob != nil {
		WriteRobustnessText(w, rob)
	}
}
